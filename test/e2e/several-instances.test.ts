import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Instances, sample, startInstances, until } from "../support/bot-instances.js";
import { balanceOf, say, testUser } from "../support/e2e.js";
import { type LumaFake, startLumaFake } from "../support/fakes/luma-fake.js";
import { MP4_SAMPLE } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { generationsOf, holdOf, lastId, promptAndConfirm, selectModel } from "../support/media-e2e.js";
import type { TgUser } from "../support/telegram/types.js";

describe("three instances on one PostgreSQL database behind a round-robin proxy", () => {
  let luma: LumaFake;
  let openai: OpenAiFake;
  let set: Instances;

  beforeAll(async () => {
    luma = await startLumaFake();
    openai = await startOpenAiFake();
    openai.replyWith((body) => `Answer to: ${JSON.stringify(body.messages.at(-1)?.content)}`);
    set = await startInstances({
      LUMA_API_KEY: "luma-test",
      LUMA_BASE_URL: luma.baseUrl,
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      // A crashed instance's jobs are taken over 3 s after its last renewal, not 30 s.
      JOB_LEASE_MS: "3000",
    });
    // The first one migrates the fresh schema; the others start together on the migrated one.
    await set.start("a");
    await Promise.all([set.start("b"), set.start("c")]);
  }, 120_000);

  afterAll(async () => {
    await set?.close();
    await luma?.close();
    await openai?.close();
  });

  it("a SIGKILL of the instance running a video job: submitted once, delivered once, charged once, others answered meanwhile", async () => {
    const { tg } = set;
    const viewer = testUser(8101);
    await say(tg, viewer, "/start");
    await selectModel(set, viewer, "luma-ray2-flash");
    // Every instance takes updates: the proxy turns through all three.
    expect(new Set(set.proxy.forwarded.filter((f) => f.status === 200).map((f) => f.backend))).toEqual(
      new Set(["a", "b", "c"]),
    );

    // The upstream job stays pending until the test finishes it.
    luma.pollsNeeded(1_000);
    const after = lastId(set, viewer);
    const { price } = await promptAndConfirm(set, viewer, "a lighthouse in a storm");
    expect(price).toBe(15);
    const upstream = await tg.waitFor(
      () =>
        [...luma.generations.values()].find(
          (g) => (g.data.request as { prompt?: string } | undefined)?.prompt === "a lighthouse in a storm",
        ),
      20_000,
      "the video job upstream",
    );
    await tg.waitFor(() => upstream.pollsLeft < upstream.pollsTotal, 20_000, "a first poll of the video job");
    const [job] = await generationsOf(set, viewer.id);
    const owner = await set.ownerOf(job!.id);
    expect(owner, "the instance holding the job's lease").toBeDefined();
    await owner!.bot.kill();
    const forwardedBefore = set.proxy.forwarded.length;
    const survivors = set.list.filter((i) => i !== owner);

    // Other users are answered while the job's instance is dead and its job not taken over yet.
    const talkers: TgUser[] = [testUser(8102), testUser(8103)];
    for (const user of talkers) {
      await say(tg, user, "/start");
      const answer = await say(tg, user, `question of ${user.id}`, (c) => c.includes("Answer to"));
      expect(answer.content).toContain(`question of ${user.id}`);
    }
    expect(tg.messages(viewer.id).some((m) => m.kind === "video")).toBe(false);
    // The proxy skips the dead instance: every update since went to a live one.
    const since = set.proxy.forwarded.slice(forwardedBefore);
    expect(since.length).toBeGreaterThanOrEqual(4);
    expect(since.filter((f) => f.backend === owner!.name || f.status !== 200)).toEqual([]);

    // The upstream finishes; a survivor takes the job over once the dead one's lease runs out.
    upstream.pollsLeft = 0;
    const video = await tg.waitForBotMessage(viewer.id, (m) => m.message_id > after && m.kind === "video", 40_000);
    expect(video.media?.bytes?.equals(MP4_SAMPLE)).toBe(true);
    await until(async () => (await generationsOf(set, viewer.id))[0]?.status === "captured", "the job captured");
    expect(survivors).toContain(await set.ownerOf(job!.id));

    // Submitted upstream once: the video and each text prompt.
    const videoPosts = luma.requests.filter((r) => r.method === "POST" && r.path.endsWith("/generations/video"));
    expect(videoPosts).toHaveLength(1);
    for (const user of talkers) {
      const asked = openai
        .chatBodies()
        .filter((b) => JSON.stringify(b.messages.at(-1)).includes(`question of ${user.id}`));
      expect(asked, `chat completions for ${user.id}`).toHaveLength(1);
      expect(tg.messages(user.id).filter((m) => m.content.includes("Answer to"))).toHaveLength(1);
    }
    // Delivered once.
    const sent = tg.callsOf("sendVideo").filter((c) => String(c.params.chat_id) === String(viewer.id));
    expect(sent).toHaveLength(1);
    expect(tg.messages(viewer.id).filter((m) => m.kind === "video")).toHaveLength(1);
    // Charged once: one hold, one capture, the balance down by exactly the quote.
    const { hold, entries } = await holdOf(set, job!.id);
    expect(hold?.status).toBe("captured");
    expect(entries.map((e) => e.kind).sort()).toEqual(["capture", "hold"]);
    expect(await balanceOf(tg, viewer)).toBe(50 - price);

    // Every survivor reports the job captured; the one that settled it timed it.
    const scrapes = await Promise.all(survivors.map((i) => i.metrics()));
    for (const metrics of scrapes) {
      expect(sample(metrics, /^bot_jobs\{state="captured"\}/)).toBe(3);
      expect(sample(metrics, /^bot_holds_open /)).toBe(0);
    }
    const timed = scrapes.map((m) =>
      sample(m, /^bot_job_duration_seconds_count\{product="luma-ray2-flash",outcome="captured"\}/),
    );
    expect(timed.reduce((a, b) => a + b, 0)).toBe(1);
    expect(scrapes.every((m) => sample(m, /^bot_job_resubmissions_total/) === 0)).toBe(true);
    await tg.expectClean();
  }, 120_000);
});
