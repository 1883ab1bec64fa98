import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderRoute } from "../../../src/catalog/types.js";
import { ProviderError } from "../../../src/providers/errors.js";
import { bytesInput } from "../../../src/providers/input-file.js";
import { createLumaProvider } from "../../../src/providers/luma.js";
import type { MediaProvider } from "../../../src/providers/types.js";
import { type LumaFake, startLumaFake } from "../../support/fakes/luma-fake.js";
import { PNG_1X1, pollToEnd } from "../../support/fakes/media-fake-kit.js";

const KEY = "luma-media-test";
let fake: LumaFake;
let luma: MediaProvider;

const image: ProviderRoute = { provider: "luma", operation: "image", upstream: "photon-flash-1" };
const video: ProviderRoute = { provider: "luma", operation: "video", upstream: "ray-2" };
const photo = { ...bytesInput(PNG_1X1, "photo.png", "image/png"), url: "https://files.example/photo.png" };

beforeAll(async () => {
  fake = await startLumaFake({ apiKey: KEY });
  luma = createLumaProvider({ apiKey: KEY, baseUrl: fake.baseUrl, sleep: async () => {} });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.pollsNeeded(0);
});

const jobIdOf = (result: Awaited<ReturnType<MediaProvider["submit"]>>) =>
  result.status === "pending" ? result.jobId : "";

describe("luma", () => {
  it("generates an image: queued, dreaming, completed with assets.image", async () => {
    fake.pollsNeeded(1);
    const result = await luma.submit({ route: image, prompt: "a red fox", params: { aspect_ratio: "16:9" } });
    expect(result.status).toBe("pending");
    expect(fake.requests[0]?.path).toBe("/dream-machine/v1/generations/image");
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0]?.json).toEqual({ model: "photon-flash-1", aspect_ratio: "16:9", prompt: "a red fox" });

    const polls = await pollToEnd(luma, image, jobIdOf(result));
    expect(polls.map((p) => p.status)).toEqual(["pending", "done"]);
    const done = polls.at(-1);
    const url = done?.status === "done" && done.outputs[0]?.type === "url" ? done.outputs[0].url : "";
    expect(done).toMatchObject({ outputs: [{ type: "url", mime: "image/png" }] });
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(PNG_1X1)).toBe(true);
  });

  it("modifies an attached photo by its URL", async () => {
    await luma.submit({ route: image, prompt: "make it winter", params: {}, file: photo });
    expect(fake.requests[0]?.json).toMatchObject({ modify_image_ref: { url: photo.url, weight: 1 } });
  });

  it("makes a video from a start keyframe, with Luma's duration spelling", async () => {
    fake.pollsNeeded(2);
    const result = await luma.submit({
      route: video,
      prompt: "the fox runs",
      params: { duration: 5, resolution: "720p" },
      file: photo,
    });
    expect(fake.requests[0]?.path).toBe("/dream-machine/v1/generations/video");
    expect(fake.requests[0]?.json).toEqual({
      model: "ray-2",
      duration: "5s",
      resolution: "720p",
      prompt: "the fox runs",
      keyframes: { frame0: { type: "image", url: photo.url } },
    });
    const done = (await pollToEnd(luma, video, jobIdOf(result))).at(-1);
    expect(done).toMatchObject({ status: "done", outputs: [{ type: "url", mime: "video/mp4" }] });
  });

  it("refuses a photo without a public URL before calling Luma", async () => {
    const { url: _url, ...local } = photo;
    const error = await luma.submit({ route: video, prompt: "x", params: {}, file: local }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request", provider: "luma" });
    expect(fake.requests).toHaveLength(0);
  });

  it("reports failure_reason, flagged as moderation", async () => {
    fake.failJob("400: prompt not allowed because advanced moderation failed");
    const result = await luma.submit({ route: image, prompt: "x", params: {} });
    expect((await pollToEnd(luma, image, jobIdOf(result))).at(-1)).toEqual({
      status: "failed",
      reason: "400: prompt not allowed because advanced moderation failed",
      moderation: true,
    });
  });

  it("passes a validation error's detail on as the reason", async () => {
    const error = await luma
      .submit({ route: video, prompt: "x", params: { resolution: "8k" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request", status: 400, reason: "Invalid resolution: 8k" });
  });

  it("refuses a wrong key", async () => {
    const stranger = createLumaProvider({ apiKey: "nope", baseUrl: fake.baseUrl, sleep: async () => {} });
    const error = await stranger.submit({ route: image, prompt: "x", params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", status: 401 });
  });
});
