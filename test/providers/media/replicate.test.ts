import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParamValue, ProviderRoute } from "../../../src/catalog/types.js";
import { ProviderError } from "../../../src/providers/errors.js";
import { bytesInput } from "../../../src/providers/input-file.js";
import { createReplicateProvider } from "../../../src/providers/replicate.js";
import type { MediaOutput, MediaProvider } from "../../../src/providers/types.js";
import { PNG_1X1, pollToEnd } from "../../support/fakes/media-fake-kit.js";
import { type ReplicateFake, startReplicateFake } from "../../support/fakes/replicate-fake.js";

const TOKEN = "r8_media_test";
const HASH = "42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b";
let fake: ReplicateFake;
let replicate: MediaProvider;

const route = (upstream: string, extra: Partial<ProviderRoute> = {}): ProviderRoute => ({
  provider: "replicate",
  operation: "prediction",
  upstream,
  ...extra,
});
const photo = bytesInput(PNG_1X1, "photo.png", "image/png");

beforeAll(async () => {
  fake = await startReplicateFake({ token: TOKEN });
  replicate = createReplicateProvider({ apiKey: TOKEN, baseUrl: fake.baseUrl, sleep: async () => {} });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.pollsNeeded(0);
});

const lastRequest = () => fake.requests.at(-1);
const jobIdOf = (result: Awaited<ReturnType<MediaProvider["submit"]>>) =>
  result.status === "pending" ? result.jobId : "";

describe("replicate predictions", () => {
  it("waits for a fast official model and answers at once", async () => {
    const flux = route("black-forest-labs/flux-1.1-pro", { fixed: { _wait: 60, output_format: "png" } });
    const result = await replicate.submit({ route: flux, prompt: "a lighthouse", params: { aspect_ratio: "16:9" } });
    expect(result.status).toBe("done");
    const output = result.status === "done" ? result.outputs[0] : undefined;
    expect(output).toMatchObject({ type: "url", mime: "image/png" });
    expect(
      Buffer.from(await (await fetch((output as MediaOutput & { type: "url" }).url)).arrayBuffer()).equals(PNG_1X1),
    ).toBe(true);

    const sent = fake.requests[0];
    expect(sent?.path).toBe("/v1/models/black-forest-labs/flux-1.1-pro/predictions");
    expect(sent?.headers.prefer).toBe("wait=60");
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.json).toEqual({ input: { prompt: "a lighthouse", aspect_ratio: "16:9", output_format: "png" } });
  });

  it("returns pending when the model is not done within the wait", async () => {
    fake.pollsNeeded(1);
    const result = await replicate.submit({
      route: route("black-forest-labs/flux-1.1-pro", { fixed: { _wait: true } }),
      prompt: "x",
      params: {},
    });
    expect(result.status).toBe("pending");
    expect((await pollToEnd(replicate, route("black-forest-labs/flux-1.1-pro"), jobIdOf(result))).at(-1)?.status).toBe(
      "done",
    );
  });

  it("starts a video without waiting, streams the photo to Replicate's file upload and polls with progress", async () => {
    fake.pollsNeeded(2);
    const kling = route("kwaivgi/kling-v2.1", { input: { file: "start_image" }, fixed: { mode: "standard" } });
    const result = await replicate.submit({
      route: kling,
      prompt: "the cat walks",
      params: { duration: 5 },
      file: photo,
    });
    expect(result.status).toBe("pending");
    expect(lastRequest()?.headers.prefer).toBeUndefined();
    const [url, uploaded] = [...fake.uploads].at(-1) ?? [];
    expect(uploaded).toEqual({ name: "photo.png", type: "image/png", bytes: PNG_1X1 });
    expect(lastRequest()?.json).toEqual({
      input: { prompt: "the cat walks", duration: 5, mode: "standard", start_image: url },
    });

    const polls = await pollToEnd(replicate, kling, jobIdOf(result));
    expect(polls.slice(0, 2)).toEqual([
      { status: "pending", progress: 33 },
      { status: "pending", progress: 67 },
    ]);
    expect(polls.at(-1)).toMatchObject({ status: "done", outputs: [{ type: "url", mime: "video/mp4" }] });
  });

  it("sends a versioned community model to /predictions as owner/name:hash, and a file URL when there is one", async () => {
    fake.pollsNeeded(0);
    const esrgan = route(`nightmareai/real-esrgan:${HASH}`, { fixed: { scale: 4, _wait: 30 } });
    const file = { ...photo, url: "https://files.example/photo.png" };
    const result = await replicate.submit({ route: esrgan, params: {}, file });
    expect(result.status).toBe("done");
    expect(lastRequest()?.path).toBe("/v1/predictions");
    expect(lastRequest()?.headers.prefer).toBe("wait=30");
    expect(lastRequest()?.json).toEqual({
      version: `nightmareai/real-esrgan:${HASH}`,
      input: { scale: 4, image: "https://files.example/photo.png" },
    });
  });

  it("puts files into list fields", async () => {
    const banana = route("google/nano-banana-pro", { input: { file: "image_input[]" }, fixed: { _wait: 60 } });
    await replicate.submit({ route: banana, prompt: "add a hat", params: { resolution: "2K" }, file: photo });
    const url = [...fake.uploads.keys()].at(-1);
    expect(url).toMatch(/\/v1\/files\//);
    expect(lastRequest()?.json).toEqual({ input: { prompt: "add a hat", resolution: "2K", image_input: [url] } });
  });

  it("accepts a list of URLs and text chunks as output", async () => {
    const sd = await replicate.submit({
      route: route("stability-ai/stable-diffusion-3.5-large", { fixed: { _wait: 60 } }),
      prompt: "x",
      params: {},
    });
    expect(sd).toMatchObject({ status: "done", outputs: [{ type: "url", mime: "image/png" }] });

    fake.nextOutput("text");
    const ocr = await replicate.submit({
      route: route("abiruyt/text-extract-ocr", { fixed: { _wait: 60 } }),
      params: {},
      file: photo,
    });
    expect(ocr).toEqual({ status: "done", outputs: [{ type: "text", text: "The fake model says hello." }] });
  });

  it("reports a failed prediction with Replicate's error, flagged as moderation", async () => {
    fake.failJob("NSFW content detected. Try running it again, or try a different prompt.");
    const result = await replicate.submit({ route: route("black-forest-labs/flux-1.1-pro"), prompt: "x", params: {} });
    expect((await pollToEnd(replicate, route("black-forest-labs/flux-1.1-pro"), jobIdOf(result))).at(-1)).toEqual({
      status: "failed",
      reason: "NSFW content detected. Try running it again, or try a different prompt.",
      moderation: true,
    });
  });

  it("reports a failure that already happened while waiting on the first poll", async () => {
    fake.failJob("CUDA out of memory");
    const result = await replicate.submit({
      route: route("black-forest-labs/flux-1.1-pro", { fixed: { _wait: 60 } }),
      prompt: "x",
      params: {},
    });
    expect(result.status).toBe("pending");
    expect(await replicate.poll(route("black-forest-labs/flux-1.1-pro"), jobIdOf(result))).toEqual({
      status: "failed",
      reason: "CUDA out of memory",
    });
  });

  it("cancels a running prediction", async () => {
    fake.pollsNeeded(5);
    const result = await replicate.submit({ route: route("google/veo-3.1"), prompt: "x", params: {} });
    await replicate.cancel?.(route("google/veo-3.1"), jobIdOf(result));
    expect(lastRequest()?.path).toBe(`/v1/predictions/${jobIdOf(result)}/cancel`);
    expect(await replicate.poll(route("google/veo-3.1"), jobIdOf(result))).toEqual({
      status: "failed",
      reason: "canceled",
    });
  });

  it("refuses a bad token with Replicate's words", async () => {
    const stranger = createReplicateProvider({ apiKey: "r8_wrong", baseUrl: fake.baseUrl, sleep: async () => {} });
    const error = await stranger
      .submit({ route: route("black-forest-labs/flux-1.1-pro"), prompt: "x", params: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", status: 401, reason: "You did not pass a valid authentication token" });
  });

  it("retries a 429 on create after Retry-After", async () => {
    fake.failNext(
      429,
      { detail: "Request was throttled. Expected available in 1 second.", status: 429 },
      { "retry-after": "1" },
    );
    const result = await replicate.submit({ route: route("black-forest-labs/flux-1.1-pro"), prompt: "x", params: {} });
    expect(result.status).toBe("pending");
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(2);
  });

  it("reports Replicate's 422 for an input the model's schema refuses as a bad request, and nothing starts", async () => {
    const flux = route("black-forest-labs/flux-1.1-pro");
    const predictionsBefore = fake.predictions.size;
    const cases: [Record<string, ParamValue>, string][] = [
      [
        { aspect_ratio: "7:3" },
        '- input.aspect_ratio: input.aspect_ratio must be one of the following: "custom", "1:1",',
      ],
      [{ output_quality: "80" }, "- input.output_quality: Invalid type. Expected: integer, given: string"],
      // A field named "safety…" in the answer is our mistake, not a moderation refusal.
      [{ safety_tolerance: 9 }, "- input.safety_tolerance: Must be less than or equal to 6"],
      [{ width: 2.5 }, "- input.width: Invalid type. Expected: integer, given: number"],
    ];
    for (const [params, detail] of cases) {
      const error = await replicate.submit({ route: flux, prompt: "x", params }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: "bad_request", status: 422 });
      expect((error as ProviderError).reason).toContain(detail);
    }
    const missing = await replicate.submit({ route: flux, params: {} }).catch((e: unknown) => e);
    expect((missing as ProviderError).reason).toBe("- input: prompt is required\n");
    expect(fake.predictions.size).toBe(predictionsBefore);
  });

  it("drops an input the model has no field for, as Replicate does, and the fake names it", async () => {
    const result = await replicate.submit({
      route: route("lucataco/remove-bg", { fixed: { _wait: 60 } }),
      prompt: "a caption the tool has no field for",
      params: {},
      file: photo,
    });
    expect(result.status).toBe("done");
    const prediction = [...fake.predictions.values()].at(-1);
    expect(prediction?.data.ignoredInput).toEqual(["prompt"]);
  });
});
