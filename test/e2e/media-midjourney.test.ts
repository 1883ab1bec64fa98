import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type LegNextFake, startLegNextFake } from "../support/fakes/legnext-fake.js";
import { MP4_SAMPLE, PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { givePlan, lastId, mediaAfter, promptAndConfirm, selectModel } from "../support/media-e2e.js";

/** Midjourney through the LegNext proxy: a 2x2 grid as four photos, and text to video through a first image. */
describe("Midjourney end to end", () => {
  let legnext: LegNextFake;
  let stack: Stack;

  beforeAll(async () => {
    legnext = await startLegNextFake();
    stack = await startStack({ MIDJOURNEY_API_KEY: "legnext-test", MIDJOURNEY_BASE_URL: legnext.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await legnext?.close();
  });

  it("imagines four images with the card's flags in the prompt, then animates one into a video", async () => {
    const { tg } = stack;
    const user = testUser(7501);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    const start = await balanceOf(tg, user);

    const card = await selectModel(stack, user, "midjourney");
    tg.clickButtonByText(user, card, "16:9");
    await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === card.message_id && /Aspect ratio: 16:9/.test(m.content),
    );
    legnext.pollsNeeded(1);
    let after = lastId(stack, user);
    const { price } = await promptAndConfirm(stack, user, "a lighthouse at dusk");
    expect(price).toBe(9);
    await tg.waitFor(() => mediaAfter(stack, user, after, "photo").length === 4 || undefined, 20_000);
    const photos = mediaAfter(stack, user, after, "photo");
    expect(photos.every((p) => p.media?.bytes?.equals(PNG_1X1))).toBe(true);
    // One receipt, on the last of them.
    expect(photos.map((p) => /9 🪙 · balance/.test(p.content))).toEqual([false, false, false, true]);
    const diffusion = legnext.requests.find((r) => r.path === "/api/v1/diffusion");
    expect(diffusion?.json).toEqual({ text: "a lighthouse at dusk --fast --q 1 --v 7 --ar 16:9" });

    await selectModel(stack, user, "midjourney-video");
    after = lastId(stack, user);
    const video = await promptAndConfirm(stack, user, "the sea breathes");
    expect(video.price).toBe(50);
    const clip = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "video", 40_000);
    expect(clip.media?.bytes?.equals(MP4_SAMPLE)).toBe(true);
    const [, image] = legnext.requests.filter((r) => r.path === "/api/v1/diffusion");
    expect(image?.json).toEqual({ text: "the sea breathes" });
    const animate = legnext.requests.find((r) => r.path === "/api/v1/video-diffusion");
    expect(animate?.json).toMatchObject({ imageNo: 0, videoType: 0, prompt: "the sea breathes --bs 1 --motion low" });
    expect(await balanceOf(tg, user)).toBe(start - 9 - 50);
    await tg.expectClean();
  }, 90_000);

  it("flags typed into the prompt are dropped: LegNext gets the priced ones only", async () => {
    const { tg } = stack;
    const user = testUser(7502);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    await selectModel(stack, user, "midjourney");
    const after = lastId(stack, user);
    const { price } = await promptAndConfirm(stack, user, "a fox in the snow --turbo --r 40 --v 6");
    expect(price).toBe(9);
    await tg.waitFor(() => mediaAfter(stack, user, after, "photo").length === 4 || undefined, 20_000);
    const sent = legnext.requests.filter((r) => r.path === "/api/v1/diffusion").at(-1);
    expect(sent?.json).toEqual({ text: "a fox in the snow --fast --q 1 --v 7 --ar 1:1" });
    await tg.expectClean();
  }, 60_000);
});
