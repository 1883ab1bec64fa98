import { afterEach, describe, expect, it } from "vitest";
import { textModels } from "../../src/catalog/models/text.js";
import type { ProviderRoute } from "../../src/catalog/types.js";
import { createAnthropicChatProvider } from "../../src/providers/anthropic-chat.js";
import { ProviderError } from "../../src/providers/errors.js";
import { createOpenAiChatProvider } from "../../src/providers/openai-chat.js";
import { createOpenAiResponsesProvider } from "../../src/providers/openai-responses.js";
import type { ChatRequest } from "../../src/providers/types.js";
import { startAnthropicFake } from "../support/fakes/anthropic-fake.js";
import { type OpenAiFlavor, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiResponsesRoutes, createResponsesScript } from "../support/fakes/openai-responses-routes.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const routeOf = (slug: string): ProviderRoute => {
  const model = textModels.find((m) => m.slug === slug);
  if (!model) throw new Error(`no ${slug}`);
  return model.route;
};
const ask = (route: ProviderRoute, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  route,
  messages: [{ role: "user", content: "hi" }],
  ...extra,
});

async function chatFake(flavor: OpenAiFlavor) {
  const fake = await startOpenAiFake({ flavor });
  closers.push(() => fake.close());
  const provider = createOpenAiChatProvider({
    provider: flavor,
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    sleep: async () => {},
  });
  return { fake, provider };
}

describe("route body fields reach the upstream request", () => {
  it("DeepSeek R1 sends thinking on and its cap; V3 sends thinking off and shows no reasoning", async () => {
    const { fake, provider } = await chatFake("deepseek");
    fake.reply("42");
    const seen: string[] = [];
    expect((await provider.chat(ask(routeOf("deepseek-r1"), { onText: (t) => seen.push(t) }))).text).toBe("42");
    expect(seen).toEqual(["42"]);
    await provider.chat(ask(routeOf("deepseek-v3")));
    const [r1, v3] = fake.chatBodies();
    expect(r1).toMatchObject({ model: "deepseek-flash", thinking: { type: "enabled" }, max_tokens: 32_768 });
    expect(v3).toMatchObject({ model: "deepseek-flash", thinking: { type: "disabled" }, max_tokens: 8192 });
  });

  it("OpenAI chat products send their cap as max_completion_tokens; a request's own cap wins", async () => {
    const { fake, provider } = await chatFake("openai");
    await provider.chat(ask(routeOf("gpt-5-nano")));
    await provider.chat(ask(routeOf("gpt-5-nano"), { maxTokens: 50 }));
    const [first, second] = fake.chatBodies();
    expect(first).toMatchObject({ model: "gpt-6-luna", max_completion_tokens: 8192 });
    expect(first).not.toHaveProperty("max_tokens");
    expect(second).toMatchObject({ max_completion_tokens: 50 });
  });

  it("never lets route data replace the model, the messages or streaming", async () => {
    const { fake, provider } = await chatFake("xai");
    const route: ProviderRoute = {
      provider: "xai",
      upstream: "grok-4.3",
      operation: "chat",
      body: { model: "grok-4-0709", messages: [], stream: false, temperature: 0.2 },
    };
    await provider.chat(ask(route));
    expect(fake.chatBodies()[0]).toMatchObject({ model: "grok-4.3", stream: true, temperature: 0.2 });
    expect(fake.chatBodies()[0]?.messages).toHaveLength(1);
  });

  it("a body the API's schema refuses is refused by the strict fake", async () => {
    const { provider } = await chatFake("deepseek");
    const route: ProviderRoute = { ...routeOf("deepseek-r1"), body: { thinking: { type: "on" } } };
    const error = await provider.chat(ask(route)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("bad_request");
  });

  it("Anthropic products send their cap as max_tokens instead of the adapter's default", async () => {
    const fake = await startAnthropicFake();
    closers.push(() => fake.close());
    const provider = createAnthropicChatProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, sleep: async () => {} });
    await provider.chat(ask(routeOf("claude-opus-4.5")));
    await provider.chat(ask({ provider: "anthropic", upstream: "claude-haiku-4-5", operation: "chat" }));
    const [routed, bare] = fake.messagesBodies();
    expect(routed).toMatchObject({ model: "claude-opus-5-5", max_tokens: 8192 });
    expect(bare).toMatchObject({ model: "claude-haiku-4-5", max_tokens: 4096 });
  });

  it("Responses products send their cap as max_output_tokens", async () => {
    const script = createResponsesScript();
    const fake = await startOpenAiFake({ extraRoutes: createOpenAiResponsesRoutes({ script }) });
    closers.push(() => fake.close());
    const provider = createOpenAiResponsesProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      sleep: async () => {},
    });
    await provider.chat(ask(routeOf("gpt-5.2-pro")));
    expect(script.bodies()[0]).toMatchObject({ model: "gpt-5.2-pro", store: false, max_output_tokens: 32_768 });
  });
});
