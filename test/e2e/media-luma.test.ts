import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type LumaFake, startLumaFake } from "../support/fakes/luma-fake.js";
import { MP4_SAMPLE, PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import {
  holdOf,
  lastId,
  mediaAfter,
  promptAndConfirm,
  selectModel,
  settledGenerationsOf,
  waitForQuote,
} from "../support/media-e2e.js";

/** Luma: photon-flash images and a ray2-flash video that polls, survives SIGKILL, and is charged once. */
describe("Luma images and videos end to end", () => {
  let luma: LumaFake;
  let stack: Stack;

  beforeAll(async () => {
    luma = await startLumaFake();
    stack = await startStack({ LUMA_API_KEY: "luma-test", LUMA_BASE_URL: luma.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await luma?.close();
  });

  it("photon-flash quotes, then sends a photo, and the balance drops by exactly the quoted price", async () => {
    const { tg } = stack;
    const user = testUser(7101);
    await say(tg, user, "/start");
    const before = await balanceOf(tg, user);
    const card = await selectModel(stack, user, "photon-flash");
    expect(card.content).toMatch(/Price: 1/);

    const after = lastId(stack, user);
    tg.sendText(user, "a red fox in the snow");
    const quote = await waitForQuote(stack, user, after);
    expect(quote.content).toMatch(/Luma Photon Flash[\s\S]*costs 1 🪙/);
    // Nothing is held before Confirm.
    expect(await balanceOf(tg, user)).toBe(before);
    expect(luma.requests.some((r) => r.method === "POST")).toBe(false);

    tg.clickButtonByText(user, quote, /Confirm/);
    const photo = await tg.waitForBotMessage(user.id, (m) => m.kind === "photo", 20_000);
    expect(photo.media?.bytes?.equals(PNG_1X1)).toBe(true);
    expect(photo.content).toMatch(/1 🪙 · balance: 49/);
    expect(photo.buttons.map((b) => b.text)).toContain("📎 Original file");
    const sent = luma.requests.find((r) => r.method === "POST" && r.path.endsWith("/generations/image"));
    expect(sent?.json).toMatchObject({ model: "photon-flash-1", prompt: "a red fox in the snow", aspect_ratio: "1:1" });
    expect(await balanceOf(tg, user)).toBe(before - 1);

    // The original file, uncompressed, as a document.
    tg.clickButtonByText(user, photo, "📎 Original file");
    const original = await tg.waitForBotMessage(user.id, (m) => m.kind === "document");
    expect(original.media?.bytes?.equals(PNG_1X1)).toBe(true);
    await tg.expectClean();
  }, 60_000);

  it("a flood wait on the upload is waited out: the download is opened again and the photo still arrives", async () => {
    const { tg } = stack;
    const user = testUser(7104);
    await say(tg, user, "/start");
    await selectModel(stack, user, "photon-flash");
    tg.failNext("sendPhoto", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    const after = lastId(stack, user);
    await promptAndConfirm(stack, user, "a heron");
    const photo = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    expect(photo.media?.bytes?.equals(PNG_1X1)).toBe(true);
    // The first upload consumed its stream: the retry downloaded the result again.
    const image = [...luma.generations.values()].find(
      (g) => (g.data.request as { prompt?: string }).prompt === "a heron",
    );
    const assets = image?.data.assets as { image?: string } | undefined;
    const url = new URL(String(assets?.image));
    expect(luma.requests.filter((r) => r.method === "GET" && r.path === url.pathname)).toHaveLength(2);
    expect(await balanceOf(tg, user)).toBe(49);
    await tg.expectClean();
  }, 60_000);

  it("a luma-ray2-flash video polls several times, shows progress, and never blocks /balance", async () => {
    const { tg } = stack;
    const user = testUser(7102);
    await say(tg, user, "/start");
    await selectModel(stack, user, "luma-ray2-flash");
    luma.pollsNeeded(3);
    const { price } = await promptAndConfirm(stack, user, "waves at sunset");
    expect(price).toBe(15);

    // While the job runs, other updates are answered at once.
    await tg.waitFor(() => [...luma.generations.values()].find((g) => g.data.type === "video"));
    const pending = await balanceOf(tg, user);
    expect(pending).toBe(50 - 15);
    const progress = await tg.waitForBotMessage(
      user.id,
      (m) => /working/.test(m.content) && m.buttons.some((b) => /Cancel/.test(b.text)),
    );
    expect(progress.content).toMatch(/Luma Ray2 Flash is working… \d+:\d\d/);

    const video = await tg.waitForBotMessage(user.id, (m) => m.kind === "video", 40_000);
    expect(video.media?.bytes?.equals(MP4_SAMPLE)).toBe(true);
    const job = [...luma.generations.values()].find((g) => g.data.type === "video");
    const polls = luma.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/generations/${job?.id}`));
    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(tg.chatActions.some((a) => a.chat_id === user.id && a.action === "upload_video")).toBe(true);
    // The progress message is gone with the result.
    expect(tg.messages(user.id).find((m) => m.message_id === progress.message_id)).toBeUndefined();
    expect(await balanceOf(tg, user)).toBe(35);
    await tg.expectClean();
  }, 60_000);

  it("a video job survives SIGKILL: after the restart it is delivered once and charged once", async () => {
    const { tg } = stack;
    const user = testUser(7103);
    await say(tg, user, "/start");
    await selectModel(stack, user, "luma-ray2-flash");
    luma.pollsNeeded(4);
    const after = lastId(stack, user);
    await promptAndConfirm(stack, user, "a comet over the mountains");
    const job = await tg.waitFor(() =>
      [...luma.generations.values()].find(
        (g) => g.data.request && (g.data.request as { prompt?: string }).prompt === "a comet over the mountains",
      ),
    );
    // Killed in the middle: the upstream job exists and has been polled at least once.
    await tg.waitFor(() => job.pollsLeft < job.pollsTotal, 20_000);
    await stack.bot.kill();
    expect(job.state).toBe("pending");

    await stack.restart();
    const video = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "video", 40_000);
    expect(video.media?.bytes?.equals(MP4_SAMPLE)).toBe(true);
    expect(await balanceOf(tg, user)).toBe(35);
    // Counted once no job is in flight: nothing is left that could send a duplicate.
    const [generation] = await settledGenerationsOf(stack, user.id);
    expect(mediaAfter(stack, user, after, "video")).toHaveLength(1);
    expect(
      tg.callsOf("sendVideo").filter((c) => c.params.chat_id === user.id || c.params.chat_id === String(user.id)),
    ).toHaveLength(1);
    // Only one upstream job: the restart resumed it rather than starting another.
    expect(
      luma.requests.filter(
        (r) => r.method === "POST" && r.path.endsWith("/generations/video") && JSON.stringify(r.json).includes("comet"),
      ),
    ).toHaveLength(1);

    expect(generation?.status).toBe("captured");
    const { hold, entries } = await holdOf(stack, generation!.id);
    expect(hold?.status).toBe("captured");
    expect(entries.map((e) => e.kind).sort()).toEqual(["capture", "hold"]);
    expect(await balanceOf(tg, user)).toBe(35);
    await tg.expectClean();
  }, 90_000);
});
