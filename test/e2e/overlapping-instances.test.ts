import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Instance, type Instances, startInstances, until } from "../support/bot-instances.js";
import { balanceOf, say, testUser } from "../support/e2e.js";
import { type LumaFake, startLumaFake } from "../support/fakes/luma-fake.js";
import type { FakeJob } from "../support/fakes/media-fake-kit.js";
import { generationsOf, holdOf, lastId, promptAndConfirm, selectModel } from "../support/media-e2e.js";
import type { TgUser } from "../support/telegram/types.js";

/**
 * A rolling deploy runs an old and a new instance on one database at once; an instance that stalls
 * loses its jobs to another. Either way a slow video job is sent upstream once, sent to the chat
 * once and charged once, and the instance that lost it stops showing its progress.
 */
describe("overlapping instances on one PostgreSQL database while a slow video job runs", () => {
  let luma: LumaFake;
  let set: Instances;

  beforeAll(async () => {
    luma = await startLumaFake();
    set = await startInstances({ LUMA_API_KEY: "luma-test", LUMA_BASE_URL: luma.baseUrl, JOB_LEASE_MS: "3000" });
  }, 60_000);

  afterAll(async () => {
    await set?.close();
    await luma?.close();
  });

  /** Starts a video job for a new user and waits until its upstream job was polled once. */
  async function slowVideo(user: TgUser, prompt: string) {
    const { tg } = set;
    await say(tg, user, "/start");
    await selectModel(set, user, "luma-ray2-flash");
    luma.pollsNeeded(1_000);
    const after = lastId(set, user);
    const { price } = await promptAndConfirm(set, user, prompt);
    const upstream: FakeJob = await tg.waitFor(
      () => [...luma.generations.values()].find((g) => (g.data.request as { prompt?: string }).prompt === prompt),
      20_000,
      "the video job upstream",
    );
    await tg.waitFor(() => upstream.pollsLeft < upstream.pollsTotal, 20_000, "a first poll of the video job");
    const [job] = await generationsOf(set, user.id);
    if (!job) throw new Error("no generation row");
    return { after, price, upstream, job };
  }

  /** One upstream submission, one sendVideo, one capture, and the balance down by the quote. */
  async function expectOnce(user: TgUser, prompt: string, id: number, price: number) {
    const { tg } = set;
    await until(async () => (await generationsOf(set, user.id))[0]?.status === "captured", "the job captured");
    const posts = luma.requests.filter((r) => r.method === "POST" && JSON.stringify(r.json).includes(prompt));
    expect(posts).toHaveLength(1);
    expect(tg.callsOf("sendVideo").filter((c) => String(c.params.chat_id) === String(user.id))).toHaveLength(1);
    const { hold, entries } = await holdOf(set, id);
    expect(hold?.status).toBe("captured");
    expect(entries.map((e) => e.kind).sort()).toEqual(["capture", "hold"]);
    expect(await balanceOf(tg, user)).toBe(50 - price);
  }

  it("a new instance started while the old one runs the job leaves it alone; after the old one stops it finishes the job", async () => {
    const { tg } = set;
    const old = await set.start("old");
    const user = testUser(8201);
    const prompt = "a fox crossing a frozen river";
    const { after, price, upstream, job } = await slowVideo(user, prompt);
    expect((await set.ownerOf(job.id))?.name).toBe("old");

    // The new instance starts on the same database: the job has a live lease, so it resumes nothing.
    const fresh = await set.start("new");
    expect(fresh.bot.output()).not.toContain("resumed generations left in flight");
    // The old instance keeps polling the job; the new one, polling too, never claims it.
    const polls = upstream.pollsTotal - upstream.pollsLeft;
    await tg.waitFor(() => upstream.pollsTotal - upstream.pollsLeft > polls, 20_000, "another poll by the old one");
    expect((await set.ownerOf(job.id))?.name).toBe("old");

    // The rolling deploy stops the old one: it lets go of the job, and the new one takes it when its poll is due.
    await old.bot.stop();
    await until(async () => (await set.ownerOf(job.id))?.name === "new", "the new instance holds the job");
    upstream.pollsLeft = 0;
    const video = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "video", 30_000);
    expect(video.content).toMatch(/15 🪙/);
    await expectOnce(user, prompt, job.id, price);
    await tg.expectClean();
  }, 90_000);

  it("an instance that stalls past its lease loses the job to the other, and once it runs again shows nothing of it", async () => {
    const { tg } = set;
    // Two instances run now: the one left from the rolling deploy and a second started after it.
    await set.start("second");
    const user = testUser(8202);
    const prompt = "a paper boat in the rain";
    const { after, price, upstream, job } = await slowVideo(user, prompt);
    const loser = (await set.ownerOf(job.id)) as Instance;
    expect(loser).toBeDefined();
    const progress = await tg.waitForBotMessage(user.id, (m) => /working/.test(m.content));

    // The job's instance freezes (a long pause, a lost network); the other takes the job over.
    loser.bot.pause();
    try {
      await until(
        async () => ![undefined, loser].includes(await set.ownerOf(job.id)),
        "another instance holds the job",
      );
      upstream.pollsLeft = 0;
      await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "video", 30_000);
      await until(async () => (await generationsOf(set, user.id))[0]?.status === "captured", "the job captured");
      expect(tg.messages(user.id).some((m) => m.message_id === progress.message_id)).toBe(false);
    } finally {
      // Updates the proxy handed to the frozen instance are answered now, too.
      loser.bot.resume();
    }
    const delivered = tg.callsOf("sendVideo").find((c) => String(c.params.chat_id) === String(user.id))!.at;
    await expectOnce(user, prompt, job.id, price);

    // Awake again, the loser finds the job gone from its renewal and stops watching it; what it sent
    // on waking has reached the emulator a round trip later.
    await until(async () => loser.bot.output().includes('"job lease lost'), "the loss noticed");
    await say(tg, user, "/help");
    const late = tg.calls.filter(
      (c) =>
        c.at > delivered &&
        String(c.params.chat_id) === String(user.id) &&
        ["sendChatAction", "editMessageText", "editMessageReplyMarkup", "deleteMessage"].includes(c.method),
    );
    expect(late.map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 80)}`)).toEqual([]);
    expect(tg.violations).toEqual([]);
  }, 90_000);
});
