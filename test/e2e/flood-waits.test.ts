import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type LumaFake, startLumaFake } from "../support/fakes/luma-fake.js";
import { MP4_SAMPLE, PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { holdOf, lastId, promptAndConfirm, selectModel, settledGenerationsOf } from "../support/media-e2e.js";
import type { ApiCall, TgUser } from "../support/telegram/types.js";

/**
 * Telegram's flood waits against paid results: a result waits out any retry_after (longer than
 * auto-retry's 5 s bound) in the background of its own chat, and is charged once.
 */
describe("flood waits on delivery", () => {
  let luma: LumaFake;
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    luma = await startLumaFake();
    openai = await startOpenAiFake();
    openai.replyWith(() => "Streaming slowly, one frame at a time, for the draft.");
    stack = await startStack({
      LUMA_API_KEY: "luma-test",
      LUMA_BASE_URL: luma.baseUrl,
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await luma?.close();
    await openai?.close();
  });

  const inChat = (user: TgUser) => (call: ApiCall) => String(call.params.chat_id) === String(user.id);

  it("a sendVideo answered 429 retry_after 12 is sent after the wait, charged once, and another chat is answered meanwhile", async () => {
    const { tg } = stack;
    const waiting = testUser(7601);
    const other = testUser(7602);
    for (const user of [waiting, other]) await say(tg, user, "/start");
    await selectModel(stack, waiting, "luma-ray2-flash");
    await selectModel(stack, other, "photon-flash");

    const retryAfter = 12;
    tg.failNext("sendVideo", {
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      retry_after: retryAfter,
    });
    const after = lastId(stack, waiting);
    const { price } = await promptAndConfirm(stack, waiting, "a paper boat on a river");
    expect(price).toBe(15);
    const refused = await tg.waitForCall("sendVideo", (c) => !c.ok && inChat(waiting)(c), 30_000);
    expect(refused.error_code).toBe(429);

    // While the first chat waits, the second one's request runs and is answered.
    const otherAfter = lastId(stack, other);
    await promptAndConfirm(stack, other, "a lantern in the fog");
    const photo = await tg.waitForBotMessage(other.id, (m) => m.message_id > otherAfter && m.kind === "photo", 20_000);
    expect(photo.media?.bytes?.equals(PNG_1X1)).toBe(true);
    expect(tg.callsOf("sendVideo").filter((c) => c.ok && inChat(waiting)(c))).toHaveLength(0);

    const video = await tg.waitForBotMessage(waiting.id, (m) => m.message_id > after && m.kind === "video", 40_000);
    expect(video.media?.bytes?.equals(MP4_SAMPLE)).toBe(true);
    const attempts = tg.callsOf("sendVideo").filter(inChat(waiting));
    expect(attempts.map((c) => c.ok)).toEqual([false, true]);
    // The second upload came after the wait Telegram asked for, not before.
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(retryAfter * 1000);

    const [generation] = await settledGenerationsOf(stack, waiting.id);
    const { hold, entries } = await holdOf(stack, generation?.id ?? 0);
    expect(generation?.status).toBe("captured");
    expect(hold?.status).toBe("captured");
    expect(entries.map((e) => e.kind).sort()).toEqual(["capture", "hold"]);
    expect(await balanceOf(tg, waiting)).toBe(50 - 15);
    expect(await balanceOf(tg, other)).toBe(50 - 1);
    // No "could not be sent" notice: the result was never given up.
    expect(tg.messages(waiting.id).some((m) => /could not be sent/i.test(m.content))).toBe(false);
    await tg.expectClean();
  }, 90_000);

  it("a draft answered 429 is not sent again: the chat backs off, and the answer still arrives", async () => {
    const { tg } = stack;
    const user = testUser(7603);
    await say(tg, user, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    // The stream stalls after its first words, longer than the draft's retry_after: a retrying
    // client would send the same frame again meanwhile.
    openai.delayNext(4_000, "text");
    tg.failNext("sendRichMessageDraft", {
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      retry_after: 3,
    });
    const answer = await say(tg, user, "tell me slowly", (c) => c.includes("one frame at a time"));
    expect(answer.kind).toBe("rich");
    const drafts = tg.callsOf("sendRichMessageDraft").filter(inChat(user));
    expect(drafts[0]?.error_code).toBe(429);
    // No frame was repeated: a 429 backs the chat off rather than adding calls.
    const texts = drafts.map((c) => JSON.stringify(c.params.rich_message));
    expect(texts.filter((text) => text === texts[0])).toHaveLength(1);
    await tg.expectClean();
  }, 60_000);
});
