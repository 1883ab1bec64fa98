import { afterEach, describe, expect, it } from "vitest";
import type { ProviderRoute } from "../../src/catalog/types.js";
import { createOpenAiResponsesJobs } from "../../src/providers/openai-responses-background.js";
import { createProviders } from "../../src/providers/registry.js";
import type { ChatRequest, ProviderSettingsMap } from "../../src/providers/types.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiResponsesRoutes, createResponsesScript } from "../support/fakes/openai-responses-routes.js";

const route: ProviderRoute = { provider: "openai", upstream: "gpt-5.2-pro", operation: "responses" };
const fakes: OpenAiFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setup() {
  const script = createResponsesScript();
  const fake = await startOpenAiFake({ extraRoutes: createOpenAiResponsesRoutes({ script }) });
  fakes.push(fake);
  const jobs = createOpenAiResponsesJobs({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, sleep: async () => {} });
  return { fake, script, jobs };
}

const ask = (text: string): ChatRequest => ({
  route,
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: text },
  ],
});

describe("OpenAI Responses background mode", () => {
  it("starts with background and store, then polls GET /responses/{id} until completed", async () => {
    const { fake, script, jobs } = await setup();
    script.pollsNeeded(3);
    const started = await jobs.start(ask("prove it"));
    expect(started).toEqual({ status: "pending", jobId: "resp_fake1" });
    expect(script.bodies()[0]).toMatchObject({
      model: "gpt-5.2-pro",
      instructions: "Be brief.",
      input: [{ role: "user", content: "prove it" }],
      background: true,
      store: true,
    });
    expect(script.bodies()[0]?.stream).toBeUndefined();

    expect(await jobs.poll(route, "resp_fake1")).toEqual({ status: "pending" });
    expect(await jobs.poll(route, "resp_fake1")).toEqual({ status: "pending" });
    expect(await jobs.poll(route, "resp_fake1")).toEqual({
      status: "done",
      outputs: [{ type: "text", text: "Echo from gpt-5.2-pro: prove it" }],
    });
    expect(fake.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual(
      Array(3).fill("/v1/responses/resp_fake1"),
    );
  });

  it("a failed or refused response is a failed job with the upstream's words; a cancelled one fails without", async () => {
    const { script, jobs } = await setup();
    script.outcomeNext({ type: "failed", message: "The model ran out of ideas." });
    const failed = await jobs.start(ask("a"));
    expect(failed.status).toBe("pending");
    expect(await jobs.poll(route, "resp_fake1")).toEqual({ status: "failed", reason: "The model ran out of ideas." });

    script.outcomeNext({ type: "refusal", refusal: "I can't help with that." });
    await jobs.start(ask("b"));
    expect(await jobs.poll(route, "resp_fake2")).toEqual({
      status: "failed",
      reason: "I can't help with that.",
      moderation: true,
    });

    script.pollsNeeded(5);
    await jobs.start(ask("c"));
    await jobs.cancel(route, "resp_fake3");
    expect(script.background().get("resp_fake3")?.status).toBe("cancelled");
    expect(await jobs.poll(route, "resp_fake3")).toEqual({ status: "failed" });
    // Cancelling again is harmless, as upstream.
    await jobs.cancel(route, "resp_fake3");
  });

  it("a poll that cannot reach the upstream throws (the runner retries it later)", async () => {
    const { fake, jobs } = await setup();
    await jobs.start(ask("x"));
    // The first try and both retries.
    for (let i = 0; i < 3; i++) fake.failNext(500);
    await expect(jobs.poll(route, "resp_fake1")).rejects.toThrow(/500/);
    await expect(jobs.poll(route, "nope")).rejects.toThrow(/404/);
  });

  it("the registry runs only `responses` routes as jobs", async () => {
    const { fake } = await setup();
    const settings = Object.fromEntries(
      ["openai", "anthropic", "gemini", "deepseek", "xai", "replicate", "luma", "elevenlabs", "midjourney"].map(
        (id) => [
          id,
          id === "openai" ? { apiKey: fake.apiKey, baseUrl: fake.baseUrl } : { baseUrl: "http://127.0.0.1:9" },
        ],
      ),
    ) as ProviderSettingsMap;
    const chat = createProviders(settings).chat("openai");
    expect(chat?.jobsFor?.(route)).toBeDefined();
    expect(chat?.jobsFor?.({ ...route, upstream: "gpt-5-nano", operation: "chat" })).toBeUndefined();
  });
});
