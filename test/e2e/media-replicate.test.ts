import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { MP3_SAMPLE, MP4_SAMPLE, PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { type ReplicateFake, startReplicateFake } from "../support/fakes/replicate-fake.js";
import {
  confirmNextQuote,
  generationsOf,
  givePlan,
  holdOf,
  lastId,
  promptAndConfirm,
  selectModel,
} from "../support/media-e2e.js";
import type { TgUser } from "../support/telegram/types.js";

const MB = 1024 * 1024;

/** Replicate: image tools and images by `Prefer: wait`, video and music by polling, and the ways a job ends badly. */
describe("Replicate models end to end", () => {
  let replicate: ReplicateFake;
  let stack: Stack;

  beforeAll(async () => {
    replicate = await startReplicateFake();
    // Deadlines are data: the operator's routes file gives minimax-video three seconds, so its timeout is testable.
    const routes = join(mkdtempSync(join(tmpdir(), "routes-")), "routes.json");
    writeFileSync(routes, JSON.stringify({ "minimax-video": { deadlineSeconds: 3 } }));
    stack = await startStack({
      REPLICATE_API_TOKEN: "r8_test",
      REPLICATE_BASE_URL: replicate.baseUrl,
      MODEL_ROUTES_FILE: routes,
    });
  }, 60_000);

  beforeEach(() => replicate.pollsNeeded(0));

  afterAll(async () => {
    await stack?.close();
    await replicate?.close();
  });

  async function paidUser(id: number): Promise<TgUser> {
    const user = testUser(id);
    await say(stack.tg, user, "/start");
    await givePlan(stack, user.id);
    return user;
  }

  it("remove-bg takes a photo and returns one, waiting on the create call instead of polling", async () => {
    const { tg } = stack;
    const user = testUser(7201);
    await say(tg, user, "/start");
    const card = await selectModel(stack, user, "remove-bg");
    expect(card.content).toMatch(/Send a photo/);

    const after = lastId(stack, user);
    tg.sendPhoto(user, PNG_1X1);
    const { quote, price } = await confirmNextQuote(stack, user, after);
    expect(quote.content).toMatch(/Remove Background/);
    expect(price).toBe(1);
    const photo = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    expect(photo.media?.bytes?.equals(PNG_1X1)).toBe(true);

    const create = replicate.requests.find(
      (r) => r.path === "/v1/predictions" && JSON.stringify(r.json).includes("lucataco/remove-bg:95fcc2a2"),
    );
    expect(create?.headers.prefer).toBe("wait=60");
    const body = create?.json as { input: { image: string } } | undefined;
    // The photo was streamed to Replicate's file upload; the prediction names the upload, not the bytes.
    expect(replicate.uploads.get(body?.input.image ?? "")?.bytes.equals(PNG_1X1)).toBe(true);
    expect(JSON.stringify(create?.json)).not.toContain("base64");
    // Done on the create call: no poll was needed.
    expect(replicate.requests.some((r) => r.method === "GET" && r.path.startsWith("/v1/predictions/"))).toBe(false);
    expect(await balanceOf(tg, user)).toBe(49);

    // Face swap takes two photos: the face, then the target (here sent as an image file).
    await selectModel(stack, user, "face-swap");
    const first = lastId(stack, user);
    tg.sendPhoto(user, PNG_1X1);
    await tg.waitForBotMessage(user.id, (m) => m.message_id > first && /First photo received/.test(m.content));
    const second = lastId(stack, user);
    tg.sendDocument(user, PNG_1X1, { file_name: "target.png", mime_type: "image/png" });
    await confirmNextQuote(stack, user, second);
    await tg.waitForBotMessage(user.id, (m) => m.message_id > second && m.kind === "photo", 20_000);
    const swap = replicate.requests.find((r) => JSON.stringify(r.json ?? "").includes("codeplugtech/face-swap"));
    const swapInput = (swap?.json as { input?: { swap_image: string; input_image: string } } | undefined)?.input;
    expect(swapInput).toBeDefined();
    expect(replicate.uploads.get(swapInput?.swap_image ?? "")?.type).toBe("image/jpeg");
    expect(replicate.uploads.get(swapInput?.input_image ?? "")).toMatchObject({
      name: "target.png",
      type: "image/png",
    });
    expect(await balanceOf(tg, user)).toBe(48);
    await tg.expectClean();
  }, 60_000);

  it("flux makes an image, text-ocr answers text, kling animates a photo, musicgen sends audio", async () => {
    const { tg } = stack;
    const user = await paidUser(7202);
    const start = await balanceOf(tg, user);

    await selectModel(stack, user, "flux-1.1-pro");
    let after = lastId(stack, user);
    await promptAndConfirm(stack, user, "a lighthouse");
    await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    const flux = replicate.requests.find((r) => r.path === "/v1/models/black-forest-labs/flux-1.1-pro/predictions");
    expect(flux?.headers.prefer).toBe("wait=60");
    expect(flux?.json).toEqual({ input: { prompt: "a lighthouse", aspect_ratio: "1:1", output_format: "jpg" } });

    await selectModel(stack, user, "text-ocr");
    after = lastId(stack, user);
    tg.sendPhoto(user, PNG_1X1);
    await confirmNextQuote(stack, user, after);
    const ocr = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("The fake model says hello."),
      20_000,
    );
    expect(ocr.kind).toBe("text");

    // Video: slow, so it polls; the photo with a caption is the start image.
    await selectModel(stack, user, "kling-v2.1");
    replicate.pollsNeeded(2);
    after = lastId(stack, user);
    tg.sendPhoto(user, PNG_1X1, "the cat starts dancing");
    const kling = await confirmNextQuote(stack, user, after);
    expect(kling.price).toBe(26);
    const video = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "video", 30_000);
    expect(video.media?.bytes?.equals(MP4_SAMPLE)).toBe(true);
    const klingCreate = replicate.requests.find((r) => r.path === "/v1/models/kwaivgi/kling-v2.1/predictions");
    expect(klingCreate?.headers.prefer).toBeUndefined();
    expect(klingCreate?.json).toMatchObject({
      input: { prompt: "the cat starts dancing", mode: "standard", duration: 5 },
    });
    expect(tg.chatActions.some((a) => a.chat_id === user.id && a.action === "upload_video")).toBe(true);

    await selectModel(stack, user, "musicgen");
    replicate.pollsNeeded(1);
    after = lastId(stack, user);
    await promptAndConfirm(stack, user, "lofi beats");
    const audio = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "audio", 30_000);
    expect(audio.media?.bytes?.equals(MP3_SAMPLE)).toBe(true);
    expect(tg.chatActions.some((a) => a.chat_id === user.id && a.action === "record_voice")).toBe(true);

    expect(await balanceOf(tg, user)).toBe(start - 4 - 1 - 26 - 9);
    await tg.expectClean();
  }, 90_000);

  it("Cancel on the progress message stops the upstream job and takes nothing", async () => {
    const { tg } = stack;
    const user = await paidUser(7203);
    const start = await balanceOf(tg, user);
    await selectModel(stack, user, "kling-v2.1");
    replicate.pollsNeeded(50);
    const after = lastId(stack, user);
    tg.sendPhoto(user, PNG_1X1, "slow motion");
    const { quote } = await confirmNextQuote(stack, user, after);
    // The confirmed quote became the progress message, with its Cancel button.
    const progress = await tg.waitFor(() => {
      const m = tg.messages(user.id).find((x) => x.message_id === quote.message_id);
      return m && /working/.test(m.content) ? m : undefined;
    });
    // Elapsed time and the provider's own progress (Replicate reports it in the logs).
    await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === quote.message_id && /working… 0:0\d · \d+%/.test(m.content),
      15_000,
    );
    expect(await balanceOf(tg, user)).toBe(start - 26);

    tg.clickButtonByText(user, progress, /Cancel/);
    await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === quote.message_id && /Cancelled\. No tokens were taken/.test(m.content),
    );
    const prediction = [...replicate.predictions.values()].at(-1);
    expect(
      replicate.requests.some((r) => r.method === "POST" && r.path === `/v1/predictions/${prediction?.id}/cancel`),
    ).toBe(true);
    expect(prediction?.state).toBe("canceled");
    expect(await balanceOf(tg, user)).toBe(start);
    const [generation] = await generationsOf(stack, user.id);
    expect(generation?.status).toBe("released");
    expect((await holdOf(stack, generation!.id)).hold?.status).toBe("released");
    // No late progress tick brings the "working…" text back.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(tg.messages(user.id).find((m) => m.message_id === quote.message_id)?.content).toMatch(/Cancelled/);
    expect(tg.messages(user.id).some((m) => m.kind === "video")).toBe(false);
    await tg.expectClean();
  }, 60_000);

  it("a failed job and a moderation refusal are told in our words (with the moderation category), and cost nothing", async () => {
    const { tg } = stack;
    const user = await paidUser(7204);
    const start = await balanceOf(tg, user);
    await selectModel(stack, user, "flux-1.1-pro");

    replicate.failJob("CUDA out of memory");
    let after = lastId(stack, user);
    await promptAndConfirm(stack, user, "a castle");
    const failure = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && /No tokens were taken/.test(m.content),
      20_000,
    );
    expect(failure.content).toMatch(/flux-1\.1-pro is unavailable right now/);
    expect(failure.content).not.toMatch(/CUDA/);

    replicate.failJob("NSFW content detected. Try a different prompt.");
    after = lastId(stack, user);
    await promptAndConfirm(stack, user, "something unsafe");
    const refusal = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && /refused/.test(m.content),
      20_000,
    );
    expect(refusal.content).toMatch(
      /flux-1\.1-pro refused this request under its content rules \(sexual content\)\. No tokens were taken/,
    );
    expect(refusal.content).not.toMatch(/NSFW content detected/);
    expect(await balanceOf(tg, user)).toBe(start);
    await tg.expectClean();
  }, 60_000);

  it("a job past its model's deadline fails, is cancelled upstream, and costs nothing", async () => {
    const { tg } = stack;
    const user = await paidUser(7206);
    const start = await balanceOf(tg, user);
    await selectModel(stack, user, "minimax-video");
    replicate.pollsNeeded(100);
    const after = lastId(stack, user);
    const { price } = await promptAndConfirm(stack, user, "a very long take");
    expect(price).toBe(88);
    const timeout = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && /took too long/.test(m.content),
      15_000,
    );
    expect(timeout.content).toMatch(/minimax-video took too long to answer\. No tokens were taken/);
    // The routes file's three seconds, not the catalog's twenty minutes, set the deadline from the confirm
    // (the hold's time), and the job failed on reaching it, with the upstream still working.
    const [generation] = await generationsOf(stack, user.id);
    const { hold } = await holdOf(stack, generation!.id);
    expect(createCatalog().get("minimax-video").deadlineSeconds).toBe(1200);
    expect((generation?.deadline_at ?? 0) - (hold?.created_at ?? 0)).toBeLessThanOrEqual(3_000);
    expect(JSON.parse(generation?.error ?? "{}")).toMatchObject({ kind: "deadline" });
    expect(generation?.updated_at).toBeGreaterThanOrEqual(generation?.deadline_at ?? Number.POSITIVE_INFINITY);
    const prediction = [...replicate.predictions.values()].at(-1);
    expect(prediction?.data.model).toBe("minimax/video-01");
    expect(prediction?.pollsLeft).toBeGreaterThan(0);
    expect(replicate.requests.some((r) => r.path === `/v1/predictions/${prediction?.id}/cancel`)).toBe(true);
    expect(await balanceOf(tg, user)).toBe(start);
    await tg.expectClean();
  }, 60_000);

  it("results too large for an upload are sent as a link; a big photo as a document", async () => {
    const { tg } = stack;
    const user = await paidUser(7205);
    const start = await balanceOf(tg, user);
    await selectModel(stack, user, "flux-1.1-pro");

    replicate.outputSize(60 * MB);
    let after = lastId(stack, user);
    await promptAndConfirm(stack, user, "a huge poster");
    const link = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && /too large/.test(m.content),
      20_000,
    );
    expect(link.content).toMatch(/The result \(60 MB\)/);
    const download = link.buttons.find((b) => b.url);
    expect(download?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_fake-files\/replicate\//);

    replicate.outputSize(12 * MB);
    after = lastId(stack, user);
    await promptAndConfirm(stack, user, "a big poster");
    const document = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "document", 30_000);
    expect(document.media?.file_size).toBe(12 * MB);
    expect(document.media?.bytes?.subarray(0, 8).equals(PNG_1X1.subarray(0, 8))).toBe(true);
    expect(await balanceOf(tg, user)).toBe(start - 8);
    await tg.expectClean();
  }, 60_000);
});
