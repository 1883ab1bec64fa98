import { afterEach, describe, expect, it } from "vitest";
import { ANTHROPIC_VERSION, createAnthropicChatProvider, splitSystem } from "../../src/providers/anthropic-chat.js";
import { ProviderError } from "../../src/providers/errors.js";
import type { ChatMessage, ChatRequest } from "../../src/providers/types.js";
import { type AnthropicFake, anthropicError, startAnthropicFake } from "../support/fakes/anthropic-fake.js";

const fakes: AnthropicFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setup(options: { apiKey?: string; timeoutMs?: number; maxRetries?: number; chunkBytes?: number } = {}) {
  const fake = await startAnthropicFake({ chunkBytes: options.chunkBytes });
  fakes.push(fake);
  const sleeps: number[] = [];
  const provider = createAnthropicChatProvider({
    apiKey: options.apiKey ?? fake.apiKey,
    baseUrl: fake.baseUrl,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { fake, provider, sleeps };
}

function ask(messages: ChatMessage[] | string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    route: { provider: "anthropic", upstream: "claude-sonnet-4-6", operation: "chat" },
    messages: typeof messages === "string" ? [{ role: "user", content: messages }] : messages,
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

describe("Anthropic chat adapter", () => {
  it("streams the answer with onText progress and usage", async () => {
    const { fake, provider } = await setup();
    fake.reply("Hello there, human");
    const seen: string[] = [];
    const result = await provider.chat(ask("hi claude", { onText: (t) => seen.push(t) }));

    expect(result).toEqual({ text: "Hello there, human", usage: { inputTokens: 2, outputTokens: 3 } });
    expect(seen).toEqual(["Hello ", "Hello there, ", "Hello there, human"]);
    const request = fake.requests[0];
    expect(request?.path).toBe("/v1/messages");
    expect(request?.headers["x-api-key"]).toBe(fake.apiKey);
    expect(request?.headers["anthropic-version"]).toBe(ANTHROPIC_VERSION);
    expect(request?.json).toEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 4096,
      messages: [{ role: "user", content: "hi claude" }],
      stream: true,
    });
  });

  it("moves system messages to the top-level system field", async () => {
    const { fake, provider } = await setup();
    fake.replyWith((body) => `system was: ${String(body.system)}`);
    const result = await provider.chat(
      ask(
        [
          { role: "system", content: "You are terse." },
          { role: "user", content: "one" },
          { role: "assistant", content: "1" },
          { role: "system", content: "Answer in English." },
          { role: "user", content: "two" },
        ],
        { maxTokens: 256 },
      ),
    );
    expect(result.text).toBe("system was: You are terse.\n\nAnswer in English.");
    expect(fake.messagesBodies()[0]).toMatchObject({
      max_tokens: 256,
      system: "You are terse.\n\nAnswer in English.",
      messages: [
        { role: "user", content: "one" },
        { role: "assistant", content: "1" },
        { role: "user", content: "two" },
      ],
    });
  });

  it("splits system prompts and drops empty turns the API would reject", () => {
    expect(
      splitSystem([
        { role: "user", content: "  " },
        { role: "system", content: "" },
        { role: "user", content: "hi" },
      ]),
    ).toEqual({ system: "", messages: [{ role: "user", content: "hi" }] });
  });

  it("the fake rejects a system role in messages, as the API does", async () => {
    const { fake } = await setup();
    const response = await fetch(`${fake.baseUrl}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, "anthropic-version": ANTHROPIC_VERSION, "content-type": "application/json" },
      body: JSON.stringify({ model: "m", max_tokens: 10, messages: [{ role: "system", content: "x" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("accepts a JSON message when the server does not stream", async () => {
    const { fake, provider } = await setup();
    fake.ignoreStream();
    fake.reply("Whole answer");
    const seen: string[] = [];
    const result = await provider.chat(ask("hi", { onText: (t) => seen.push(t) }));
    expect(result).toEqual({ text: "Whole answer", usage: { inputTokens: 1, outputTokens: 2 } });
    expect(seen).toEqual(["Whole answer"]);
  });

  it("does not show extended thinking", async () => {
    const fake = await startAnthropicFake({ thinking: true });
    fakes.push(fake);
    fake.reply("Answer");
    const provider = createAnthropicChatProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    const seen: string[] = [];
    expect((await provider.chat(ask("hi", { onText: (t) => seen.push(t) }))).text).toBe("Answer");
    expect(seen).toEqual(["Answer"]);
    const raw = await fetch(`${fake.baseUrl}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, "anthropic-version": ANTHROPIC_VERSION, "content-type": "application/json" },
      body: JSON.stringify({
        model: "claude-haiku-4-5",
        max_tokens: 10,
        stream: true,
        messages: [{ role: "user", content: "x" }],
      }),
    });
    expect(await raw.text()).toContain("thinking_delta");
  });

  it("reassembles text split anywhere across chunks", async () => {
    const { fake, provider } = await setup({ chunkBytes: 5 });
    fake.reply("Здравствуйте — 你好 👋");
    expect((await provider.chat(ask("hi"))).text).toBe("Здравствуйте — 你好 👋");
  });

  it.each([
    { status: 529, headers: {} },
    { status: 500, headers: {} },
    { status: 429, headers: { "retry-after": "2" } },
  ])("retries $status and then answers", async ({ status, headers }) => {
    const { fake, provider, sleeps } = await setup();
    fake.failNext(status, undefined, headers as Record<string, string>);
    expect((await provider.chat(ask("again"))).text).toBe("Echo from claude-sonnet-4-6: again");
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    if (status === 429) expect(sleeps[0]).toBe(2000);
  });

  it("reports overloaded after the retries run out on 529", async () => {
    const { fake, provider, sleeps } = await setup();
    for (let i = 0; i < 3; i++) fake.failNext(529);
    expect(await failure(provider.chat(ask("x")))).toMatchObject({
      provider: "anthropic",
      kind: "overloaded",
      status: 529,
    });
    expect(sleeps).toHaveLength(2);
  });

  it.each([
    { status: 402, body: undefined },
    {
      status: 400,
      body: anthropicError("invalid_request_error", "Your credit balance is too low to access the Anthropic API."),
    },
  ])("does not retry billing errors ($status)", async ({ status, body }) => {
    const { fake, provider, sleeps } = await setup();
    fake.failNext(status, body);
    expect((await failure(provider.chat(ask("x")))).kind).toBe("billing");
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("reports a wrong key as an auth failure", async () => {
    const { fake, provider } = await setup({ apiKey: "sk-ant-wrong" });
    expect(await failure(provider.chat(ask("x")))).toMatchObject({
      kind: "auth",
      status: 401,
      reason: "invalid x-api-key",
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("turns event: error after the 200 into overloaded", async () => {
    const { fake, provider } = await setup();
    fake.reply("Some partial text");
    fake.streamErrorNext();
    const seen: string[] = [];
    const error = await failure(provider.chat(ask("x", { onText: (t) => seen.push(t) })));
    expect(error).toMatchObject({ kind: "overloaded", reason: "Overloaded" });
    expect(seen).toEqual(["Some "]);
  });

  it("times out when no headers come", async () => {
    const { fake, provider } = await setup({ timeoutMs: 100, maxRetries: 0 });
    fake.delayNext(1000);
    expect((await failure(provider.chat(ask("x")))).kind).toBe("timeout");
  });

  it("treats an empty answer as a bad response", async () => {
    const { fake, provider } = await setup();
    fake.reply("");
    expect((await failure(provider.chat(ask("x")))).kind).toBe("bad_response");
  });
});
