import { describe, expect, it } from "vitest";
import { allModels, modelKinds } from "../../src/catalog/models/index.js";
import { combinations, matrixKey, pricedSpecs } from "../../src/catalog/pricing.js";
import type { ModelInput, ModelSpec } from "../../src/catalog/types.js";
import { assertValidModels, modelProblems } from "../../src/catalog/validate.js";
import { priceList, priceListEntries, starterSlugs } from "./price-list.js";

const bySlug = (slug: string): ModelSpec => {
  const model = allModels.find((m) => m.slug === slug);
  if (!model) throw new Error(`no ${slug}`);
  return model;
};

describe("the model list", () => {
  it("has exactly the 52 models of the price list, in its categories", () => {
    expect(allModels).toHaveLength(52);
    expect(allModels.map((m) => m.slug).sort()).toEqual(priceListEntries.map((e) => e.slug).sort());
    for (const entry of priceListEntries) expect(bySlug(entry.slug).kind, entry.slug).toBe(entry.kind);
  });

  it.each([
    ["text", 12],
    ["image", 10],
    ["video", 7],
    ["music", 2],
    ["tts", 6],
    ["stt", 3],
    ["audio", 5],
    ["tool", 7],
  ] as const)("has %s × %i", (kind, count) => {
    expect(allModels.filter((m) => m.kind === kind)).toHaveLength(count);
    expect(Object.keys(priceList[kind])).toHaveLength(count);
  });

  it("lists every kind in the menu order", () => {
    expect([...new Set(allModels.map((m) => m.kind))]).toEqual(modelKinds);
  });

  it("puts exactly the 19 Starter models on the starter tier", () => {
    const starter = allModels.filter((m) => m.tier === "starter").map((m) => m.slug);
    expect(starter).toHaveLength(19);
    expect(starter.sort()).toEqual([...starterSlugs].sort());
  });

  it("uses each slug and alias once", () => {
    const names = allModels.flatMap((m) => [m.slug, ...(m.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    expect(() => assertValidModels(allModels)).not.toThrow();
  });

  it.each(allModels.map((m) => [m.slug, m] as const))("%s is consistent", (_slug, model) => {
    expect(modelProblems(model)).toEqual([]);
    expect(model.name).not.toBe("");
    expect(model.vendor).not.toBe("");
    expect(model.deadlineSeconds).toBeGreaterThan(0);
    for (const spec of model.params) expect(spec.options, `${spec.name} default`).toContain(spec.default);
  });

  it.each(allModels.filter((m) => m.pricing.type === "matrix").map((m) => [m.slug, m] as const))(
    "%s prices every combination of its options exactly once",
    (_slug, model) => {
      if (model.pricing.type !== "matrix") throw new Error("not a matrix");
      const expected = combinations(pricedSpecs(model, model.pricing)).map(matrixKey);
      expect(Object.keys(model.pricing.table).sort()).toEqual([...expected].sort());
      expect(new Set(expected).size).toBe(expected.length);
    },
  );

  it("gives text models 120 s (15 min for those that think in the background) and video at least 900 s", () => {
    for (const m of allModels.filter((m) => m.kind === "text"))
      expect(m.deadlineSeconds).toBe(m.route.operation === "responses" ? 900 : 120);
    for (const m of allModels.filter((m) => m.kind === "video")) {
      expect(m.deadlineSeconds).toBeGreaterThanOrEqual(900);
      expect(m.deadlineSeconds).toBeLessThanOrEqual(1800);
    }
  });
});

describe("inputs", () => {
  const expected: Record<string, ModelInput> = {
    "gpt-5-nano": "prompt",
    "flux-kontext-pro": "image+prompt",
    "kling-v2.1": "image+prompt",
    "veo-3.1": "prompt+image?",
    "sora-2": "prompt+image?",
    whisper: "speech",
    "elevenlabs-scribe": "speech",
    "el-voice-changer": "audio",
    "el-voice-isolator": "audio",
    "el-dubbing": "audio",
    upscale: "image",
    "face-swap": "image+image",
    "style-transfer": "image+prompt",
    inpaint: "image+prompt",
  };
  it.each(Object.entries(expected))("%s takes %s", (slug, input) => {
    expect(bySlug(slug).input).toBe(input);
  });

  it("text models take a prompt and have no parameters", () => {
    for (const m of allModels.filter((m) => m.kind === "text")) {
      expect(m.input).toBe("prompt");
      expect(m.params).toEqual([]);
      // OpenAI serves its *-pro models only through the Responses API.
      expect(m.route.operation).toBe(m.slug === "gpt-5.2-pro" ? "responses" : "chat");
    }
  });

  it("speech-to-text models take speech, image tools take images", () => {
    for (const m of allModels.filter((m) => m.kind === "stt")) expect(m.input).toBe("speech");
    for (const m of allModels.filter((m) => m.kind === "tool")) expect(m.input.startsWith("image")).toBe(true);
  });
});

describe("routes", () => {
  it.each([
    ["gpt-5-nano", "openai", "gpt-6-luna", "chat"],
    ["gpt-5.2-pro", "openai", "gpt-5.2-pro", "responses"],
    ["claude-haiku-4.5", "anthropic", "claude-haiku-4-5", "chat"],
    ["claude-opus-4.5", "anthropic", "claude-opus-5-5", "chat"],
    ["gemini-3-pro", "gemini", "gemini-3.1-pro-preview", "chat"],
    ["deepseek-v3", "deepseek", "deepseek-flash", "chat"],
    ["deepseek-r1", "deepseek", "deepseek-flash", "chat"],
    ["grok-4-fast", "xai", "grok-4.20-non-reasoning", "chat"],
    ["dall-e-3", "openai", "gpt-image-2.6-flare", "image"],
    ["gpt-image-1.5", "openai", "gpt-image-2.6-sunburst", "image"],
    ["photon-flash", "luma", "photon-flash-1", "image"],
    ["photon", "luma", "photon-1", "image"],
    ["luma-ray2-flash", "luma", "ray-flash-2", "video"],
    ["luma-ray2", "luma", "ray-2", "video"],
    ["midjourney", "midjourney", "midjourney", "diffusion"],
    ["midjourney-video", "midjourney", "midjourney", "video-diffusion"],
    ["minimax-video", "replicate", "minimax/video-01", "prediction"],
    ["openai-tts-hd", "openai", "", "speech"],
    ["whisper", "openai", "gpt-transcribe", "transcription"],
    ["elevenlabs-flash", "elevenlabs", "eleven_flash_v2_5", "speech"],
    ["elevenlabs-v2", "elevenlabs", "eleven_multilingual_v2", "speech"],
    ["elevenlabs-scribe", "elevenlabs", "scribe_v1", "transcription"],
    ["el-dubbing", "elevenlabs", "dubbing", "dubbing"],
  ] as const)("%s → %s %s (%s)", (slug, provider, upstream, operation) => {
    expect(bySlug(slug).route).toMatchObject({ provider, upstream, operation });
  });

  it("serves dall-e-3 through GPT Image 2.6 with its own sizes and qualities mapped", () => {
    const route = bySlug("dall-e-3").route;
    expect(route.values?.size).toEqual({ "1792x1024": "1536x1024", "1024x1792": "1024x1536" });
    expect(route.values?.quality).toEqual({ standard: "medium", hd: "high" });
  });

  it("sends sora-2's duration as Replicate's `seconds`", () => {
    expect(bySlug("sora-2").route.input?.duration).toBe("seconds");
  });

  it("pins community Replicate models by version and names official ones owner/name", () => {
    for (const m of allModels.filter((m) => m.route.provider === "replicate" && !m.route.unavailable)) {
      expect(m.route.operation).toBe("prediction");
      expect(m.route.upstream).toMatch(/^[a-z0-9-]+\/[a-z0-9._-]+(:[0-9a-f]{64})?$/);
    }
    expect(bySlug("musicgen").route.upstream).toMatch(/^meta\/musicgen:[0-9a-f]{64}$/);
    expect(bySlug("upscale").route.upstream).toMatch(/^nightmareai\/real-esrgan:/);
    expect(bySlug("remove-bg").route.upstream).toMatch(/^lucataco\/remove-bg:/);
  });

  it("maps ElevenLabs voice names to voice ids", () => {
    const model = bySlug("elevenlabs-flash");
    const voice = model.params.find((p) => p.name === "voice");
    expect(voice?.options.length).toBeGreaterThan(1);
    for (const option of voice?.options ?? [])
      expect(model.route.values?.voice?.[String(option)]).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it("marks unavailable by default only what nothing serves any more (Sora 2, OpenAI's speech endpoint)", () => {
    const unavailable = allModels.filter((m) => m.route.unavailable).map((m) => m.slug);
    expect(unavailable.sort()).toEqual(["gpt-4o-mini-tts", "openai-tts", "openai-tts-hd", "sora-2"]);
  });
});
