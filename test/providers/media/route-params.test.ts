import { describe, expect, it } from "vitest";
import type { ProviderRoute } from "../../../src/catalog/types.js";
import { bytesInput } from "../../../src/providers/input-file.js";
import { audioUploadName, failedJob, mimeFromName, percentFromLogs } from "../../../src/providers/media-support.js";
import { fieldFor, mapRouteParams, placeFile } from "../../../src/providers/route-params.js";

const route = (extra: Partial<ProviderRoute>): ProviderRoute => ({
  provider: "openai",
  upstream: "gpt-image-2.6-flare",
  operation: "image",
  ...extra,
});

describe("mapRouteParams", () => {
  it("passes parameters through when the route maps nothing", () => {
    expect(mapRouteParams(route({}), { size: "1024x1024", n: 1 })).toEqual({
      fields: { size: "1024x1024", n: 1 },
      options: {},
    });
  });

  it("maps dall-e-3 values onto gpt-image ones", () => {
    const r = route({
      values: {
        size: { "1792x1024": "1536x1024", "1024x1792": "1024x1536" },
        quality: { hd: "high", standard: "medium" },
      },
    });
    expect(mapRouteParams(r, { size: "1792x1024", quality: "hd" }).fields).toEqual({
      size: "1536x1024",
      quality: "high",
    });
    expect(mapRouteParams(r, { size: "1024x1024", quality: "standard" }).fields).toEqual({
      size: "1024x1024",
      quality: "medium",
    });
  });

  it("renames fields, drops the ones mapped to nothing, and lets fixed fields win", () => {
    const r = route({
      input: { duration: "seconds", style: "" },
      values: { duration: { 5: "5s" } },
      fixed: { seconds: "8", scale: 4 },
    });
    expect(mapRouteParams(r, { duration: 5, style: "vivid", seed: 7 }).fields).toEqual({
      seconds: "8",
      scale: 4,
      seed: 7,
    });
  });

  it("keeps `_` options apart from upstream fields", () => {
    const r = route({ fixed: { _wait: 60, output_format: "webp" } });
    expect(mapRouteParams(r, { aspect_ratio: "1:1" })).toEqual({
      fields: { aspect_ratio: "1:1", output_format: "webp" },
      options: { _wait: 60 },
    });
  });

  it("matches values of booleans and numbers by their text", () => {
    const r = route({ values: { audio: { true: "yes" }, duration: { 10: 10000 } } });
    expect(mapRouteParams(r, { audio: true, duration: 10 }).fields).toEqual({ audio: "yes", duration: 10000 });
  });
});

describe("request parts", () => {
  it("finds the field of the prompt and the file, or none", () => {
    expect(fieldFor(route({}), "file", "image")).toBe("image");
    expect(fieldFor(route({ input: { file: "input_image" } }), "file", "image")).toBe("input_image");
    expect(fieldFor(route({ input: { prompt: "" } }), "prompt", "prompt")).toBeUndefined();
  });

  it("places a file as a value or a list", () => {
    const input: Record<string, unknown> = {};
    placeFile(input, "image_input[]", "https://x/a.png");
    placeFile(input, "start_image", "data:image/png;base64,AA==");
    expect(input).toEqual({ image_input: ["https://x/a.png"], start_image: "data:image/png;base64,AA==" });
  });

  it.each([
    ["voice.oga", "audio/ogg", "voice.ogg"],
    ["file_12", "audio/mpeg", "file_12.mp3"],
    ["note.mp4", "video/mp4", "note.mp4"],
    ["clip.bin", "audio/x-wav", "clip.wav"],
    ["x.opus", "audio/opus", "x.ogg"],
  ])("names %s (%s) %s for transcription", (filename, mime, expected) => {
    expect(audioUploadName(bytesInput(Buffer.alloc(1), filename, mime))).toBe(expected);
  });
});

describe("media support", () => {
  it("reads progress from logs", () => {
    expect(percentFromLogs("step 1\n 45%|####  |\n 78%|######|")).toBe(78);
    expect(percentFromLogs(["[processing] 12%", { msg: "50%" }])).toBe(50);
    expect(percentFromLogs("no numbers")).toBeUndefined();
  });

  it("tells moderation failures apart", () => {
    expect(failedJob("NSFW content detected")).toEqual({
      status: "failed",
      reason: "NSFW content detected",
      moderation: true,
    });
    expect(failedJob("out of memory")).toEqual({ status: "failed", reason: "out of memory" });
    expect(failedJob("blocked", "moderation_blocked")).toMatchObject({ moderation: true });
  });

  it("guesses MIME types from URLs", () => {
    expect(mimeFromName("https://replicate.delivery/x/out-0.webp?sig=1")).toBe("image/webp");
    expect(mimeFromName("https://cdn/x/video")).toBeUndefined();
  });
});
