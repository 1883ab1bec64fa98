import { afterEach, describe, expect, it } from "vitest";
import { textModels } from "../../src/catalog/models/text.js";
import { parseRouteOverrides } from "../../src/catalog/route-overrides.js";
import type { ProviderId } from "../../src/catalog/types.js";
import { ProviderError } from "../../src/providers/errors.js";
import { createOpenAiResponsesProvider } from "../../src/providers/openai-responses.js";
import { createProviders } from "../../src/providers/registry.js";
import type { ChatRequest, ProviderSettingsMap } from "../../src/providers/types.js";
import { OPENAI_ERRORS, type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiResponsesRoutes, createResponsesScript } from "../support/fakes/openai-responses-routes.js";

const fakes: OpenAiFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function startFake(chunkBytes?: number) {
  const script = createResponsesScript();
  const fake = await startOpenAiFake({ extraRoutes: createOpenAiResponsesRoutes({ script, chunkBytes }) });
  fakes.push(fake);
  return { fake, script };
}

async function setup(options: { timeoutMs?: number; maxRetries?: number; chunkBytes?: number; apiKey?: string } = {}) {
  const { fake, script } = await startFake(options.chunkBytes);
  const sleeps: number[] = [];
  const provider = createOpenAiResponsesProvider({
    apiKey: options.apiKey ?? fake.apiKey,
    baseUrl: fake.baseUrl,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { fake, script, provider, sleeps };
}

function ask(text: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    route: { provider: "openai", upstream: "gpt-5.2-pro", operation: "responses" },
    messages: [{ role: "user", content: text }],
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("OpenAI Responses adapter", () => {
  it("streams the answer, reporting the text so far, and reads usage", async () => {
    const { fake, script, provider } = await setup();
    script.reply("The quick brown fox");
    const seen: string[] = [];
    const result = await provider.chat(ask("hello", { maxTokens: 100, onText: (t) => seen.push(t) }));

    expect(result).toEqual({ text: "The quick brown fox", usage: { inputTokens: 1, outputTokens: 4 } });
    expect(seen).toEqual(["The ", "The quick ", "The quick brown ", "The quick brown fox"]);
    const request = fake.requests[0];
    expect(request?.path).toBe("/v1/responses");
    expect(request?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request?.json).toEqual({
      model: "gpt-5.2-pro",
      input: [{ role: "user", content: "hello" }],
      stream: true,
      store: false,
      max_output_tokens: 100,
    });
  });

  it("sends system messages as instructions and the rest as input", async () => {
    const { script, provider } = await setup();
    const result = await provider.chat({
      ...ask("what is 2+2?"),
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
        { role: "assistant", content: "Hello!" },
        { role: "system", content: "Answer in English." },
        { role: "user", content: "what is 2+2?" },
      ],
    });
    expect(result.text).toBe("Echo from gpt-5.2-pro: what is 2+2?");
    expect(script.bodies()[0]).toEqual({
      model: "gpt-5.2-pro",
      instructions: "Be brief.\n\nAnswer in English.",
      input: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "Hello!" },
        { role: "user", content: "what is 2+2?" },
      ],
      stream: true,
      store: false,
    });
  });

  it("joins every output_text part, streamed or not", async () => {
    const { script, provider } = await setup({ chunkBytes: 3 });
    script.reply(["Привет, мир 🌍! ", "Second part."]);
    expect((await provider.chat(ask("hi"))).text).toBe("Привет, мир 🌍! Second part.");
    script.ignoreStream();
    expect((await provider.chat(ask("hi"))).text).toBe("Привет, мир 🌍! Second part.");
  });

  it("accepts one JSON response object from a server that ignores stream, skipping reasoning items", async () => {
    const { script, provider } = await setup();
    script.ignoreStream();
    script.reply("Not streamed");
    const seen: string[] = [];
    const result = await provider.chat(ask("hi", { onText: (t) => seen.push(t) }));
    expect(result).toEqual({ text: "Not streamed", usage: { inputTokens: 1, outputTokens: 2 } });
    expect(seen).toEqual(["Not streamed"]);
  });

  it.each([false, true])("turns a failed response into a ProviderError by its code (json: %s)", async (json) => {
    const { fake, script, provider, sleeps } = await setup();
    script.ignoreStream(json);
    script.outcomeNext({ type: "failed" });
    const error = await failure(provider.chat(ask("x")));
    expect(error).toMatchObject({ provider: "openai", kind: "unavailable", reason: "The model failed to respond." });
    script.outcomeNext({ type: "failed", code: "rate_limit_exceeded", message: "Slow down." });
    expect((await failure(provider.chat(ask("x")))).kind).toBe("rate_limited");
    // Failures after the 200 are not retried.
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it.each([false, true])("handles incomplete responses (json: %s)", async (json) => {
    const { script, provider } = await setup();
    script.ignoreStream(json);
    // Cut short by the token limit: the text so far is the answer.
    script.outcomeNext({ type: "incomplete", reason: "max_output_tokens", text: "A partial answer" });
    expect((await provider.chat(ask("x", { maxTokens: 5 }))).text).toBe("A partial answer");
    // The limit ran out while reasoning: nothing to show.
    script.outcomeNext({ type: "incomplete", reason: "max_output_tokens" });
    const empty = await failure(provider.chat(ask("x", { maxTokens: 5 })));
    expect(empty.kind).toBe("bad_response");
    expect(empty.message).toContain("max_output_tokens");
    script.outcomeNext({ type: "incomplete", reason: "content_filter" });
    expect((await failure(provider.chat(ask("x")))).kind).toBe("moderation");
  });

  it.each([false, true])("reports a refusal as moderation with the model's words (json: %s)", async (json) => {
    const { script, provider } = await setup();
    script.ignoreStream(json);
    script.outcomeNext({ type: "refusal", refusal: "I can't help with that." });
    const seen: string[] = [];
    const error = await failure(provider.chat(ask("x", { onText: (t) => seen.push(t) })));
    expect(error).toMatchObject({ kind: "moderation", reason: "I can't help with that." });
    expect(seen).toEqual([]);
  });

  it("turns an error event sent mid-stream into a ProviderError", async () => {
    const { fake, script, provider } = await setup();
    script.reply("Partial answer here");
    script.outcomeNext({ type: "error-event" });
    const seen: string[] = [];
    const error = await failure(provider.chat(ask("x", { onText: (t) => seen.push(t) })));
    expect(error).toMatchObject({ kind: "unavailable", status: undefined });
    expect(seen).toEqual(["Partial "]);
    expect(fake.requests).toHaveLength(1);

    script.outcomeNext({ type: "error-event", code: "rate_limit_exceeded", message: "Too many requests." });
    expect(await failure(provider.chat(ask("x")))).toMatchObject({
      kind: "rate_limited",
      reason: "Too many requests.",
    });
  });

  it("fails a stream that ends before the response completed", async () => {
    const { script, provider } = await setup();
    script.outcomeNext({ type: "cut" });
    const error = await failure(provider.chat(ask("x")));
    expect(error.kind).toBe("bad_response");
  });

  it.each([
    { status: 500, headers: {}, wait: (ms: number) => ms >= 375 && ms <= 500 },
    { status: 429, headers: { "retry-after": "3" }, wait: (ms: number) => ms === 3000 },
  ])("retries $status $headers once and then answers", async ({ status, headers, wait }) => {
    const { fake, provider, sleeps } = await setup();
    fake.failNext(status, undefined, headers as Record<string, string>);
    expect((await provider.chat(ask("again"))).text).toBe("Echo from gpt-5.2-pro: again");
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/responses", "/v1/responses"]);
    expect(sleeps).toHaveLength(1);
    expect(wait(sleeps[0] ?? -1)).toBe(true);
  });

  it("gives up after two retries, and never retries an account out of money", async () => {
    const { fake, provider, sleeps } = await setup();
    for (let i = 0; i < 3; i++) fake.failNext(500);
    expect(await failure(provider.chat(ask("x")))).toMatchObject({ kind: "unavailable", status: 500 });
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);

    fake.failNext(429, OPENAI_ERRORS.insufficientQuota);
    expect(await failure(provider.chat(ask("x")))).toMatchObject({ kind: "billing", status: 429 });
    expect(fake.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(2);
  });

  it("reports a wrong key as an auth failure", async () => {
    const { fake, provider } = await setup({ apiKey: "wrong" });
    expect((await failure(provider.chat(ask("x")))).kind).toBe("auth");
    expect(fake.requests).toHaveLength(1);
  });

  it("times out waiting for headers, and a retry can then succeed", async () => {
    const { fake, provider, sleeps } = await setup({ timeoutMs: 100 });
    fake.delayNext(1000);
    expect((await provider.chat(ask("slow"))).text).toBe("Echo from gpt-5.2-pro: slow");
    expect(sleeps).toHaveLength(1);
  });
});

describe("Responses fake", () => {
  it("rejects Chat Completions fields in OpenAI's words", async () => {
    const { fake } = await startFake();
    const response = await fetch(`${fake.baseUrl}/responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-5.2-pro", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: "messages", code: "unknown_parameter" } });
  });
});

describe("provider registry", () => {
  const none = { baseUrl: "http://127.0.0.1:9" };
  const settingsFor = (fake: OpenAiFake): ProviderSettingsMap => {
    const ids: ProviderId[] = [
      "openai",
      "anthropic",
      "gemini",
      "deepseek",
      "xai",
      "replicate",
      "luma",
      "elevenlabs",
      "midjourney",
    ];
    const settings = Object.fromEntries(ids.map((id) => [id, none])) as ProviderSettingsMap;
    return { ...settings, openai: { apiKey: fake.apiKey, baseUrl: fake.baseUrl } };
  };
  const routeOf = (slug: string) => {
    const model = textModels.find((m) => m.slug === slug);
    if (!model) throw new Error(`no model ${slug}`);
    return model.route;
  };

  it("sends gpt-5.2-pro to /responses and keeps gpt-5-nano (now gpt-6-luna) on /chat/completions", async () => {
    const { fake } = await startFake();
    const chat = createProviders(settingsFor(fake), { sleep: async () => {} }).chat("openai");
    if (!chat) throw new Error("openai not configured");

    const pro = await chat.chat({ route: routeOf("gpt-5.2-pro"), messages: [{ role: "user", content: "deep" }] });
    const nano = await chat.chat({ route: routeOf("gpt-5-nano"), messages: [{ role: "user", content: "quick" }] });

    expect(pro.text).toBe("Echo from gpt-5.2-pro: deep");
    expect(nano.text).toBe("Echo from gpt-6-luna: quick");
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/responses", "/v1/chat/completions"]);
  });

  it("lets an override move a model to the Responses API", async () => {
    expect(parseRouteOverrides('{ "gpt-5.2": { "operation": "responses" } }')).toEqual({
      "gpt-5.2": { operation: "responses" },
    });
  });
});
