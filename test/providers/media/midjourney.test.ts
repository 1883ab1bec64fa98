import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderRoute } from "../../../src/catalog/types.js";
import { bytesInput } from "../../../src/providers/input-file.js";
import { createMidjourneyProvider, promptText } from "../../../src/providers/midjourney.js";
import type { MediaProvider } from "../../../src/providers/types.js";
import { type LegNextFake, startLegNextFake } from "../../support/fakes/legnext-fake.js";
import { PNG_1X1, pollToEnd } from "../../support/fakes/media-fake-kit.js";

const KEY = "legnext-media-test";
let fake: LegNextFake;
let midjourney: MediaProvider;

const diffusion: ProviderRoute = {
  provider: "midjourney",
  operation: "diffusion",
  upstream: "midjourney",
  fixed: { version: 7 },
};
const videoRoute: ProviderRoute = {
  provider: "midjourney",
  operation: "video-diffusion",
  upstream: "midjourney-video",
  input: { resolution: "videoType" },
  values: { resolution: { "480p": 0, "720p": 1 } },
};

beforeAll(async () => {
  fake = await startLegNextFake({ apiKey: KEY });
  midjourney = createMidjourneyProvider({ apiKey: KEY, baseUrl: fake.baseUrl, sleep: async () => {} });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.pollsNeeded(0);
});

const jobIdOf = (result: Awaited<ReturnType<MediaProvider["submit"]>>) =>
  result.status === "pending" ? result.jobId : "";

describe("midjourney via legnext", () => {
  it("builds the prompt's flags from parameters", () => {
    expect(
      promptText(["a cat"], { aspect_ratio: "16:9", version: 7, speed: "turbo", tile: true, raw: false, stylize: 250 }),
    ).toBe("a cat --ar 16:9 --v 7 --turbo --tile --s 250");
    // The catalog's route names flags itself and maps speeds to whole flags: never prefixed twice.
    expect(promptText(["a cat"], { speed: "--relax", "--q": 2, "--ar": "3:2" })).toBe("a cat --relax --q 2 --ar 3:2");
  });

  it("drops flags typed into the prompt: only the priced parameters reach LegNext", () => {
    expect(promptText(["a cat --turbo --r 40"], { speed: "--fast", version: 7 })).toBe("a cat --fast --v 7");
    // Phones turn "--" into an em dash; Midjourney reads that as a flag too.
    expect(promptText(["a cat —v 6 --q 4"], {})).toBe("a cat");
    // A lone dash pair or a hyphenated word is prompt text, not a flag.
    expect(promptText(["rock -- paper well-known"], {})).toBe("rock -- paper well-known");
  });

  it("imagines a grid and answers the four single images, with progress on the way", async () => {
    fake.pollsNeeded(2);
    const result = await midjourney.submit({
      route: diffusion,
      prompt: "a lighthouse at dusk",
      params: { aspect_ratio: "16:9", speed: "fast" },
    });
    expect(result.status).toBe("pending");
    expect(fake.requests[0]?.path).toBe("/api/v1/diffusion");
    expect(fake.requests[0]?.headers["x-api-key"]).toBe(KEY);
    expect(fake.requests[0]?.json).toEqual({ text: "a lighthouse at dusk --ar 16:9 --fast --v 7" });

    const polls = await pollToEnd(midjourney, diffusion, jobIdOf(result));
    expect(polls.slice(0, 2)).toEqual([
      { status: "pending", progress: 33 },
      { status: "pending", progress: 67 },
    ]);
    const done = polls.at(-1);
    expect(done?.status === "done" && done.outputs).toHaveLength(4);
    const first = done?.status === "done" ? done.outputs[0] : undefined;
    expect(first).toMatchObject({ type: "url", mime: "image/png" });
    const url = first?.type === "url" ? first.url : "";
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(PNG_1X1)).toBe(true);
  });

  it("upscales and varies one image of a finished grid on LegNext's follow-up endpoints", async () => {
    const grid = jobIdOf(await midjourney.submit({ route: diffusion, prompt: "a lighthouse", params: {} }));
    await pollToEnd(midjourney, diffusion, grid);
    fake.requests.length = 0;

    const upscale = await midjourney.submit({
      route: diffusion,
      prompt: "a lighthouse",
      params: { speed: "fast" },
      followUp: { action: "upscale", jobId: grid, imageNo: 2 },
    });
    expect(fake.requests[0]?.path).toBe("/api/v1/upscale");
    expect(fake.requests[0]?.json).toEqual({ jobId: grid, imageNo: 2, type: 0 });
    const single = (await pollToEnd(midjourney, diffusion, jobIdOf(upscale))).at(-1);
    expect(single?.status === "done" && single.outputs).toHaveLength(1);

    const variation = await midjourney.submit({
      route: diffusion,
      params: {},
      followUp: { action: "variation", jobId: grid, imageNo: 0 },
    });
    expect(fake.requests.find((r) => r.path === "/api/v1/variation")?.json).toEqual({
      jobId: grid,
      imageNo: 0,
      type: 1,
    });
    const four = (await pollToEnd(midjourney, diffusion, jobIdOf(variation))).at(-1);
    expect(four?.status === "done" && four.outputs).toHaveLength(4);
  });

  it("animates an image by URL at the chosen quality", async () => {
    const file = { ...bytesInput(PNG_1X1, "a.png", "image/png"), url: "https://files.example/a.png" };
    const result = await midjourney.submit({
      route: videoRoute,
      prompt: "slow zoom",
      params: { resolution: "720p", motion: "low" },
      file,
    });
    expect(fake.requests[0]?.path).toBe("/api/v1/video-diffusion");
    expect(fake.requests[0]?.json).toEqual({
      videoType: 1,
      prompt: "https://files.example/a.png slow zoom --motion low",
    });
    const done = (await pollToEnd(midjourney, videoRoute, jobIdOf(result))).at(-1);
    expect(done).toMatchObject({ status: "done", outputs: [{ type: "url", mime: "video/mp4" }, {}, {}, {}] });
  });

  it("refuses a video image without a public URL before calling LegNext", async () => {
    const error = await midjourney
      .submit({
        route: videoRoute,
        prompt: "x",
        params: {},
        file: bytesInput(PNG_1X1, "a.png", "image/png"),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request" });
    expect(fake.requests).toHaveLength(0);
  });

  it("reports a banned prompt as moderation", async () => {
    fake.failJob("Banned prompt detected: the word 'gore' is not allowed");
    const result = await midjourney.submit({ route: diffusion, prompt: "gore", params: {} });
    expect((await pollToEnd(midjourney, diffusion, jobIdOf(result))).at(-1)).toEqual({
      status: "failed",
      reason: "Banned prompt detected: the word 'gore' is not allowed",
      moderation: true,
    });
  });

  it("maps insufficient balance, busy slots, bad flags and a bad key", async () => {
    fake.failNext(402, { code: 402, message: "insufficient balance", data: null });
    await expect(midjourney.submit({ route: diffusion, prompt: "x", params: {} })).rejects.toMatchObject({
      kind: "billing",
      status: 402,
    });

    for (let i = 0; i < 3; i++) fake.failNext(429, { code: 429, message: "too many concurrent jobs (6)", data: null });
    await expect(midjourney.submit({ route: diffusion, prompt: "x", params: {} })).rejects.toMatchObject({
      kind: "rate_limited",
    });

    await expect(
      midjourney.submit({ route: diffusion, prompt: "x", params: { aspect_ratio: "wide" } }),
    ).rejects.toMatchObject({
      kind: "bad_request",
      reason: "Invalid aspect ratio: wide",
    });

    const stranger = createMidjourneyProvider({ apiKey: "nope", baseUrl: fake.baseUrl, sleep: async () => {} });
    await expect(stranger.submit({ route: diffusion, prompt: "x", params: {} })).rejects.toMatchObject({
      kind: "auth",
      status: 401,
    });
  });
});
