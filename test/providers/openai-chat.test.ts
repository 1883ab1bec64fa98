import { afterEach, describe, expect, it } from "vitest";
import type { ProviderId } from "../../src/catalog/types.js";
import { ProviderError } from "../../src/providers/errors.js";
import { createOpenAiChatProvider } from "../../src/providers/openai-chat.js";
import type { ChatRequest } from "../../src/providers/types.js";
import { OPENAI_ERRORS, type OpenAiFake, type OpenAiFlavor, startOpenAiFake } from "../support/fakes/openai-fake.js";

const fakes: OpenAiFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setup(
  options: { flavor?: OpenAiFlavor; timeoutMs?: number; maxRetries?: number; chunkBytes?: number } = {},
) {
  const fake = await startOpenAiFake({ flavor: options.flavor, chunkBytes: options.chunkBytes });
  fakes.push(fake);
  const sleeps: number[] = [];
  const provider = createOpenAiChatProvider({
    provider: options.flavor ?? "openai",
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { fake, provider, sleeps };
}

function ask(
  text: string,
  extra: Partial<ChatRequest> = {},
  provider: ProviderId = "openai",
  upstream = "gpt-6-luna",
): ChatRequest {
  return { route: { provider, upstream, operation: "chat" }, messages: [{ role: "user", content: text }], ...extra };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("OpenAI chat adapter", () => {
  it("streams the answer, reporting the text so far, and reads usage", async () => {
    const { fake, provider } = await setup();
    fake.reply("The quick brown fox");
    const seen: string[] = [];
    const result = await provider.chat(ask("hello", { maxTokens: 100, onText: (t) => seen.push(t) }));

    expect(result).toEqual({ text: "The quick brown fox", usage: { inputTokens: 1, outputTokens: 4 } });
    expect(seen).toEqual(["The ", "The quick ", "The quick brown ", "The quick brown fox"]);
    const request = fake.requests[0];
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request?.json).toEqual({
      model: "gpt-6-luna",
      messages: [{ role: "user", content: "hello" }],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 100,
    });
  });

  it("keeps system messages in the conversation and echoes by default", async () => {
    const { fake, provider } = await setup();
    const result = await provider.chat({
      ...ask("what is 2+2?"),
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "what is 2+2?" },
      ],
    });
    expect(result.text).toBe("Echo from gpt-6-luna: what is 2+2?");
    expect(fake.chatBodies()[0]?.messages[0]).toEqual({ role: "system", content: "Be brief." });
  });

  it.each(["openai", "deepseek"] as const)(
    "accepts a JSON chat.completion from a %s server that ignores stream",
    async (flavor) => {
      // DeepSeek also pads a busy non-streaming answer with leading blank lines.
      const { fake, provider } = await setup({ flavor });
      fake.ignoreStream();
      fake.reply("Not streamed");
      const seen: string[] = [];
      const upstream = flavor === "deepseek" ? "deepseek-flash" : undefined;
      const result = await provider.chat(ask("hi", { onText: (t) => seen.push(t) }, flavor, upstream));
      expect(result).toEqual({ text: "Not streamed", usage: { inputTokens: 1, outputTokens: 2 } });
      expect(seen).toEqual(["Not streamed"]);
    },
  );

  it("reassembles text split across chunks in the middle of lines and UTF-8 characters", async () => {
    const { fake, provider } = await setup({ chunkBytes: 3 });
    fake.reply("Привет, мир 🌍! Ünïcödé");
    expect((await provider.chat(ask("hi"))).text).toBe("Привет, мир 🌍! Ünïcödé");
  });

  it.each([
    { flavor: "deepseek" as const, path: "/chat/completions", upstream: "deepseek-flash" },
    { flavor: "xai" as const, path: "/v1/chat/completions", upstream: "grok-4.3" },
    { flavor: "gemini" as const, path: "/v1beta/openai/chat/completions", upstream: "gemini-3.5-flash-lite" },
  ])("talks to $flavor at its SDK base URL with max_tokens", async ({ flavor, path, upstream }) => {
    const { fake, provider } = await setup({ flavor });
    const result = await provider.chat(ask("ping", { maxTokens: 50 }, flavor, upstream));
    expect(result.text).toBe(`Echo from ${upstream}: ping`);
    expect(fake.requests[0]?.path).toBe(path);
    expect(fake.chatBodies()[0]).toMatchObject({ model: upstream, max_tokens: 50 });
    expect(fake.chatBodies()[0]).not.toHaveProperty("max_completion_tokens");
  });

  it("does not show DeepSeek reasoner's reasoning_content", async () => {
    const { fake, provider } = await setup({ flavor: "deepseek" });
    fake.reply("42");
    const seen: string[] = [];
    const result = await provider.chat(ask("answer?", { onText: (t) => seen.push(t) }, "deepseek", "deepseek-flash"));
    expect(result.text).toBe("42");
    expect(seen).toEqual(["42"]);
  });

  it.each([
    { status: 500, headers: {}, wait: (ms: number) => ms >= 375 && ms <= 500 },
    { status: 503, headers: {}, wait: (ms: number) => ms >= 375 && ms <= 500 },
    { status: 429, headers: { "retry-after": "3" }, wait: (ms: number) => ms === 3000 },
    { status: 429, headers: { "retry-after-ms": "250" }, wait: (ms: number) => ms === 250 },
  ])("retries $status $headers once and then answers", async ({ status, headers, wait }) => {
    const { fake, provider, sleeps } = await setup();
    fake.failNext(status, undefined, headers as Record<string, string>);
    expect((await provider.chat(ask("again"))).text).toBe("Echo from gpt-6-luna: again");
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(wait(sleeps[0] ?? -1)).toBe(true);
  });

  it("gives up after two retries", async () => {
    const { fake, provider, sleeps } = await setup();
    for (let i = 0; i < 3; i++) fake.failNext(500);
    const error = await failure(provider.chat(ask("x")));
    expect(error).toMatchObject({ provider: "openai", kind: "unavailable", status: 500 });
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it.each([
    { flavor: "openai" as const, status: 429, body: OPENAI_ERRORS.insufficientQuota },
    { flavor: "deepseek" as const, status: 402, body: OPENAI_ERRORS.insufficientBalance },
  ])("does not retry when $flavor says the account is out of money ($status)", async ({ flavor, status, body }) => {
    const { fake, provider, sleeps } = await setup({ flavor });
    fake.failNext(status, body);
    const error = await failure(provider.chat(ask("x", {}, flavor)));
    expect(error).toMatchObject({ provider: flavor, kind: "billing", status });
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each(["openai", "deepseek", "xai", "gemini"] as const)(
    "reports a wrong %s key as an auth failure",
    async (flavor) => {
      const fake = await startOpenAiFake({ flavor });
      fakes.push(fake);
      const provider = createOpenAiChatProvider({
        provider: flavor,
        apiKey: "wrong",
        baseUrl: fake.baseUrl,
        sleep: async () => {},
      });
      const error = await failure(provider.chat(ask("x", {}, flavor)));
      expect(error.kind).toBe("auth");
      expect(fake.requests).toHaveLength(1);
    },
  );

  it.each(["data", "event"] as const)("turns an error sent mid-stream (%s) into a ProviderError", async (style) => {
    const { fake, provider } = await setup();
    fake.reply("Partial answer here");
    fake.streamErrorNext({ style });
    const seen: string[] = [];
    const error = await failure(provider.chat(ask("x", { onText: (t) => seen.push(t) })));
    expect(error).toMatchObject({ kind: "unavailable", status: undefined });
    expect(seen).toEqual(["Partial "]);
    expect(fake.requests).toHaveLength(1);
  });

  it("classifies a mid-stream rate-limit error by its code", async () => {
    const { fake, provider } = await setup();
    fake.streamErrorNext({ error: OPENAI_ERRORS.rateLimit });
    expect((await failure(provider.chat(ask("x")))).kind).toBe("rate_limited");
  });

  it("times out waiting for headers, and a retry can then succeed", async () => {
    const { fake, provider, sleeps } = await setup({ timeoutMs: 100 });
    fake.delayNext(1000);
    expect((await provider.chat(ask("slow"))).text).toBe("Echo from gpt-6-luna: slow");
    expect(sleeps).toHaveLength(1);

    const strict = await setup({ timeoutMs: 100, maxRetries: 0 });
    strict.fake.delayNext(1000);
    expect((await failure(strict.provider.chat(ask("slow")))).kind).toBe("timeout");
  });

  it("times out when the stream stalls between chunks", async () => {
    const { fake, provider } = await setup({ timeoutMs: 100 });
    fake.delayNext(1000, "body");
    expect((await failure(provider.chat(ask("stall")))).kind).toBe("timeout");
    expect(fake.requests).toHaveLength(1);
  });

  it("treats an answer without text as a bad response", async () => {
    const { fake, provider } = await setup();
    fake.reply("");
    expect((await failure(provider.chat(ask("x")))).kind).toBe("bad_response");
  });

  it("lets the caller abort", async () => {
    const { fake, provider } = await setup();
    fake.delayNext(1000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(provider.chat(ask("x", { signal: controller.signal }))).rejects.toThrow();
    expect(fake.requests).toHaveLength(1);
  });
});

describe("OpenAI fake", () => {
  it("rejects a request without model or messages in OpenAI's words", async () => {
    const fake = await startOpenAiFake();
    fakes.push(fake);
    const post = (body: unknown) =>
      fetch(`${fake.baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const noModel = await post({ messages: [] });
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toMatchObject({ error: { message: "you must provide a model parameter" } });
    const noMessages = await post({ model: "gpt-6-luna" });
    expect(await noMessages.json()).toMatchObject({ error: { param: "messages", code: "missing_required_parameter" } });
    const unauthorized = await fetch(`${fake.baseUrl}/chat/completions`, { method: "POST" });
    expect(unauthorized.status).toBe(401);
  });

  it("serves extra routes behind the same auth and scripted failures", async () => {
    const fake = await startOpenAiFake({
      extraRoutes: [
        (req, res) => {
          if (req.path !== "/v1/images/generations") return false;
          res.writeHead(200, { "content-type": "application/json" }).end('{"data":[]}');
        },
      ],
    });
    fakes.push(fake);
    const get = () =>
      fetch(`${fake.baseUrl}/images/generations`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.apiKey}` },
      });
    fake.failNext(500);
    expect((await get()).status).toBe(500);
    expect((await get()).status).toBe(200);
  });
});
