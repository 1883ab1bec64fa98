import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { eventually } from "../support/eventually.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import {
  createOpenAiResponsesRoutes,
  createResponsesScript,
  type ResponsesScript,
} from "../support/fakes/openai-responses-routes.js";
import { generationsOf, givePlan, holdOf, lastId, promptAndConfirm, selectModel } from "../support/media-e2e.js";
import type { TgUser } from "../support/telegram/types.js";

/** Elite's monthly tokens: a paid cycle replaces the Starter tokens. */
// Elite's 3,000 plus the 50 Starter tokens, which a subscription keeps.
const START_BALANCE = 3_050;

/** gpt-5.2-pro thinks in the Responses API's background mode: a persisted job, polled, surviving restarts. */
describe("a long-thinking model end to end", () => {
  let openai: OpenAiFake;
  let script: ResponsesScript;
  let stack: Stack;

  beforeAll(async () => {
    script = createResponsesScript();
    openai = await startOpenAiFake({ extraRoutes: createOpenAiResponsesRoutes({ script }) });
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  const created = (prompt: string) =>
    openai.requests.filter(
      (r) => r.method === "POST" && r.path === "/v1/responses" && JSON.stringify(r.json).includes(prompt),
    );
  const pollsOf = (id: string) => openai.requests.filter((r) => r.method === "GET" && r.path === `/v1/responses/${id}`);
  const jobOf = (prompt: string) => {
    const index = script.bodies().findIndex((b) => JSON.stringify(b.input).includes(prompt));
    return index < 0 ? undefined : script.background().get(`resp_fake${index + 1}`);
  };

  async function proUser(id: number): Promise<TgUser> {
    const user = testUser(id);
    await say(stack.tg, user, "/start");
    await givePlan(stack, user.id);
    await selectModel(stack, user, "gpt-5.2-pro");
    return user;
  }

  it("shows that it is thinking, polls the background response, answers and charges the quote", async () => {
    const { tg } = stack;
    const user = await proUser(8201);
    script.pollsNeeded(3);
    const after = lastId(stack, user);
    const { quote, price } = await promptAndConfirm(stack, user, "prove Fermat's last theorem");
    expect(price).toBe(39);
    const thinking = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === quote.message_id && /thinking/.test(m.content),
    );
    expect(thinking.content).toMatch(/^🧠 GPT-5\.2 Pro is thinking… \d+:\d\d$/);
    expect(thinking.buttons.map((b) => b.text)).toContain("✖️ Cancel");

    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Echo from gpt-5.2-pro: prove Fermat"),
      30_000,
    );
    expect(answer.content).toMatch(/39 🪙 · balance: 3,011 🪙/);
    const [body] = created("prove Fermat").map((r) => r.json as Record<string, unknown>);
    expect(body).toMatchObject({ model: "gpt-5.2-pro", background: true, store: true });
    expect(body?.stream).toBeUndefined();
    expect(pollsOf(jobOf("prove Fermat")?.id ?? "?")).toHaveLength(3);
    // The progress message made way for the answer.
    expect(tg.messages(user.id).find((m) => m.message_id === quote.message_id)).toBeUndefined();
    expect(await balanceOf(tg, user)).toBe(START_BALANCE - 39);
    await tg.expectClean();
  }, 60_000);

  it("survives SIGKILL: after the restart it polls the same response and answers once, charged once", async () => {
    const { tg } = stack;
    const user = await proUser(8202);
    script.pollsNeeded(6);
    const after = lastId(stack, user);
    await promptAndConfirm(stack, user, "the Riemann hypothesis");
    const job = await tg.waitFor(() => jobOf("Riemann"), 20_000);
    await tg.waitFor(() => job.polls >= 1, 20_000);
    await stack.bot.kill();
    expect(job.status).toBe("in_progress");

    await stack.restart();
    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Echo from gpt-5.2-pro: the Riemann hypothesis"),
      60_000,
    );
    expect(answer.content).toMatch(/39 🪙/);
    expect(created("Riemann")).toHaveLength(1);
    // Capture follows delivery: wait for the row to get there.
    const generation = await eventually(async () => {
      const [row] = await generationsOf(stack, user.id);
      return row?.status === "captured" ? row : undefined;
    }, "the job captured");
    expect(generation?.provider_job_id).toBe(job.id);
    const { entries } = await holdOf(stack, generation.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(["capture", "hold"]);
    expect(await balanceOf(tg, user)).toBe(START_BALANCE - 39);
    await tg.expectClean();
  }, 120_000);

  it("the user deleted the progress message: the answer still comes, as a new message", async () => {
    const { tg } = stack;
    const user = await proUser(8203);
    script.pollsNeeded(4);
    const after = lastId(stack, user);
    const { quote } = await promptAndConfirm(stack, user, "a proof that is long");
    await tg.waitForBotMessage(user.id, (m) => m.message_id === quote.message_id && /thinking/.test(m.content));
    const job = await tg.waitFor(() => jobOf("a proof that is long"), 20_000);
    await tg.waitFor(() => job.polls >= 1, 20_000);
    tg.deleteMessage(user, quote.message_id);

    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Echo from gpt-5.2-pro: a proof that is long"),
      30_000,
    );
    expect(answer.message_id).toBeGreaterThan(quote.message_id);
    expect(await balanceOf(tg, user)).toBe(START_BALANCE - 39);
    // Touching the deleted message got Telegram's 400, which is not the bot's fault.
    await tg.expectClean();
  }, 60_000);

  it("the user deleted the progress message and the job failed: the notice comes as a new message, nothing is charged", async () => {
    const { tg } = stack;
    const user = await proUser(8204);
    script.pollsNeeded(3);
    script.outcomeNext({ type: "failed", message: "The model ran out of time." });
    const after = lastId(stack, user);
    const { quote } = await promptAndConfirm(stack, user, "an impossible question");
    await tg.waitForBotMessage(user.id, (m) => m.message_id === quote.message_id && /thinking/.test(m.content));
    const job = await tg.waitFor(() => jobOf("an impossible question"), 20_000);
    await tg.waitFor(() => job.polls >= 1, 20_000);
    tg.deleteMessage(user, quote.message_id);

    const notice = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && /unavailable right now/.test(m.content),
      30_000,
    );
    expect(notice.content).toBe(
      "😔 gpt-5.2-pro is unavailable right now. No tokens were taken — try again later, or choose another model in /models.",
    );
    expect(await balanceOf(tg, user)).toBe(START_BALANCE);
    await tg.expectClean();
  }, 60_000);

  it("cancel stops the background response upstream and releases the hold", async () => {
    const { tg } = stack;
    const user = await proUser(8205);
    script.pollsNeeded(50);
    const { quote } = await promptAndConfirm(stack, user, "think forever");
    const thinking = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === quote.message_id && /thinking/.test(m.content),
    );
    const job = await tg.waitFor(() => jobOf("think forever"), 20_000);
    tg.clickButtonByText(user, thinking, "✖️ Cancel");
    await tg.waitForBotMessage(user.id, (m) => m.message_id === quote.message_id && /Cancelled/.test(m.content));
    expect(job.status).toBe("cancelled");
    expect(openai.requests.some((r) => r.method === "POST" && r.path === `/v1/responses/${job.id}/cancel`)).toBe(true);
    expect(await balanceOf(tg, user)).toBe(START_BALANCE);
    await tg.expectClean();
  }, 60_000);
});
