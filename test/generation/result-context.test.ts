import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { followUpPrice, hasFollowUps } from "../../src/catalog/follow-ups.js";
import type { ProviderId } from "../../src/catalog/types.js";
import { createChatStep } from "../../src/generation/chat-step.js";
import { createGenerationEngine, type EngineDeps } from "../../src/generation/engine.js";
import { serializeOutputs } from "../../src/generation/outputs.js";
import { followUpOf, upstreamParams } from "../../src/generation/types.js";
import type { ChatMessage, ChatRequest } from "../../src/providers/types.js";
import type { GenerationRow } from "../../src/storage/generations-repository.js";

const catalog = createCatalog();

function engineWith(configured: ProviderId[]) {
  const deps = {
    catalog,
    providers: { configured: (id: ProviderId) => configured.includes(id) },
    clock: { now: () => new Date(0) },
  } as unknown as EngineDeps;
  return createGenerationEngine(deps);
}

describe("the default text model", () => {
  it("is the cheapest Starter text model that can run now, in catalog order", () => {
    expect(engineWith(["openai", "anthropic"]).defaultTextModel()?.slug).toBe("gpt-5-nano");
    // Without OpenAI the next Starter model with a key answers.
    expect(engineWith(["anthropic"]).defaultTextModel()?.slug).toBe("claude-haiku-4.5");
    expect(engineWith(["deepseek"]).defaultTextModel()?.slug).toBe("deepseek-v3");
    expect(engineWith([]).defaultTextModel()).toBeUndefined();
  });
});

describe("Midjourney follow-ups", () => {
  const midjourney = catalog.get("midjourney");

  it("price a variation as the grid and an upscale as half of it, rounded up", () => {
    expect(followUpPrice(midjourney, { speed: "fast", quality: 1 }, "variation")).toBe(9);
    expect(followUpPrice(midjourney, { speed: "fast", quality: 1 }, "upscale")).toBe(5);
    expect(followUpPrice(midjourney, { speed: "turbo", quality: 2 }, "upscale")).toBe(18);
    expect(hasFollowUps(midjourney)).toBe(true);
    expect(hasFollowUps(catalog.get("midjourney-video"))).toBe(false);
  });

  it("are stored on the job and never sent upstream as parameters", () => {
    const job = { params: JSON.stringify({ speed: "fast", _follow_up: "upscale:abc-1:2" }) } as GenerationRow;
    expect(followUpOf(job)).toEqual({ action: "upscale", jobId: "abc-1", imageNo: 2 });
    expect(upstreamParams(job)).toEqual({ speed: "fast" });
  });
});

/** A chat step over a history and earlier jobs, recording what the upstream was sent. */
function stepWith(history: ChatMessage[], jobs: GenerationRow[]) {
  const sent: ChatMessage[][] = [];
  const deps = {
    repo: { get: async (id: number) => jobs.find((j) => j.id === id) },
    providers: {
      chat: () => ({
        chat: async (request: ChatRequest) => {
          sent.push(request.messages);
          return { text: "ok" };
        },
      }),
    },
    users: { columns: async () => ({ conversation_id: 1 }) },
    messages: { recent: async () => history, recentInScope: async () => [] },
    clock: { now: () => new Date(0) },
    output: { progress: async () => {} },
  } as unknown as EngineDeps;
  return { step: createChatStep(deps), sent };
}

const model = { route: { provider: "openai", upstream: "gpt-5-nano" } } as never;
const earlier = {
  id: 3,
  user_id: 1,
  prompt: "Q2",
  params: "{}",
  outputs: serializeOutputs([{ type: "text", text: "A2" }]),
} as GenerationRow;
const history: ChatMessage[] = [
  { role: "user", content: "Q1" },
  { role: "assistant", content: "A1" },
  { role: "user", content: "Q2" },
  { role: "assistant", content: "A2" },
  { role: "user", content: "Q3" },
  { role: "assistant", content: "A3" },
];
const jobOf = (prompt: string, context: string) =>
  ({ id: 9, user_id: 1, chat_id: 1, prompt, params: JSON.stringify({ _context_of: context }) }) as GenerationRow;
const contents = (messages: ChatMessage[] | undefined) => messages?.slice(1).map((m) => m.content);

describe("a text job built on an earlier answer", () => {
  it("regenerate: the history before that answer, so the model never sees the answer it replaces", async () => {
    const { step, sent } = stepWith(history, [earlier]);
    await step.submit(jobOf("Q2", "regenerate:3"), model, new AbortController().signal);
    expect(contents(sent[0])).toEqual(["Q1", "A1", "Q2"]);
  });

  it("continue: the history up to and including that answer, then the new prompt", async () => {
    const { step, sent } = stepWith(history, [earlier]);
    await step.submit(jobOf("go on", "continue:3"), model, new AbortController().signal);
    expect(contents(sent[0])).toEqual(["Q1", "A1", "Q2", "A2", "go on"]);
  });

  it("continue from an answer of an earlier conversation: that turn alone is the context", async () => {
    const { step, sent } = stepWith([{ role: "user", content: "new topic" }], [earlier]);
    await step.submit(jobOf("go on", "continue:3"), model, new AbortController().signal);
    expect(contents(sent[0])).toEqual(["Q2", "A2", "go on"]);
  });

  it("another user's job is never used as context", async () => {
    const { step, sent } = stepWith([], [{ ...earlier, user_id: 2 }]);
    await step.submit(jobOf("go on", "continue:3"), model, new AbortController().signal);
    expect(contents(sent[0])).toEqual(["go on"]);
  });
});
