import { describe, expect, it } from "vitest";
import { createChatStep } from "../../src/generation/chat-step.js";
import type { EngineDeps } from "../../src/generation/engine.js";
import { StoppedByUser, toFailure } from "../../src/generation/types.js";
import type { ChatRequest } from "../../src/providers/types.js";
import type { GenerationRow } from "../../src/storage/generations-repository.js";

/** A chat upstream that streams `sent` and then waits until the request is aborted. */
function hangingChat(sent: string) {
  const seen: { aborted?: boolean } = {};
  let called = () => {};
  const streaming = new Promise<void>((resolve) => {
    called = resolve;
  });
  const provider = {
    chat: (request: ChatRequest) =>
      new Promise<never>((_, reject) => {
        if (sent) request.onText?.(sent);
        called();
        request.signal?.addEventListener("abort", () => {
          seen.aborted = true;
          reject(new DOMException("aborted", "AbortError"));
        });
      }),
  };
  return { provider, seen, streaming };
}

function stepWith(provider: unknown) {
  const deps = {
    providers: { chat: () => provider },
    users: { columns: async () => ({ conversation_id: 1 }) },
    messages: { recent: async () => [] },
    clock: { now: () => new Date(0) },
    output: { progress: async () => {} },
  } as unknown as EngineDeps;
  return createChatStep(deps);
}

const job = { id: 7, user_id: 1, chat_id: 1, prompt: "hi", params: "{}" } as GenerationRow;
const model = { route: { provider: "openai", upstream: "gpt-5-nano" } } as never;

describe("a stopped text answer", () => {
  it("after text: ends the upstream request and returns the text so far as a partial answer", async () => {
    const { provider, seen, streaming } = hangingChat("Half an ");
    const abort = new AbortController();
    const run = stepWith(provider).submit(job, model, abort.signal);
    await streaming;
    abort.abort(new StoppedByUser());
    expect(await run).toEqual({ status: "done", outputs: [{ type: "text", text: "Half an ", partial: true }] });
    expect(seen.aborted).toBe(true);
  });

  it("before text: fails as stopped, so the hold is released", async () => {
    const { provider, streaming } = hangingChat("");
    const abort = new AbortController();
    const run = stepWith(provider).submit(job, model, abort.signal);
    await streaming;
    abort.abort(new StoppedByUser());
    const error = await run.catch((e: unknown) => e);
    expect(toFailure(error, abort.signal)).toEqual({ kind: "stopped" });
  });

  it("a cancel is not a stop: the text so far is dropped", async () => {
    const { provider, streaming } = hangingChat("Half an ");
    const abort = new AbortController();
    const run = stepWith(provider).submit(job, model, abort.signal);
    await streaming;
    abort.abort();
    const error = await run.catch((e: unknown) => e);
    expect(toFailure(error, abort.signal)).toEqual({ kind: "cancelled" });
  });
});
