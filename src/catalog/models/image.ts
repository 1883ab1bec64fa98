import type { ModelSpec } from "../types.js";
import { commonAspectRatios, fixedPrice, matrixPrice, param, SEEDED_ROUTE } from "./define.js";

const IMAGE_DEADLINE_SECONDS = 300;
/** Midjourney jobs queue behind the proxy's concurrency limit. */
const MIDJOURNEY_DEADLINE_SECONDS = 600;

/**
 * Replicate images take seconds: `Prefer: wait` (the adapter option `_wait`, never sent upstream) holds the
 * create request until the output exists, so no poll round-trips are spent; a slower run falls back to polling.
 */
const REPLICATE_WAIT = { _wait: 60 } as const;

const lumaAspectRatios = ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "9:21"] as const;
const fluxAspectRatios = ["1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "4:5", "5:4"] as const;

/** The 10 image models. Replicate routes name the upstream's fields in `input` (`file`: where the photo goes). */
export const imageModels: readonly ModelSpec[] = [
  {
    slug: "photon-flash",
    name: "Luma Photon Flash",
    kind: "image",
    vendor: "Luma",
    tier: "starter",
    route: { provider: "luma", upstream: "photon-flash-1", source: SEEDED_ROUTE, operation: "image" },
    params: [param("aspect_ratio", lumaAspectRatios, "1:1")],
    pricing: fixedPrice(1),
    input: "prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "dall-e-3",
    name: "DALL·E 3",
    kind: "image",
    vendor: "OpenAI",
    tier: "starter",
    // OpenAI retired dall-e-3 (2026-05-12) and gpt-image-1 (2026-10-23): the product keeps its sizes,
    // qualities and prices and is served by GPT Image 2.6, whose nearest sizes and qualities the values map to.
    route: {
      provider: "openai",
      upstream: "gpt-image-2.6-flare",
      fallbacks: ["gpt-image-2.6-sunburst"],
      source: "developers.openai.com/api/docs/deprecations (read 2026-12-02)",
      operation: "image",
      values: {
        size: { "1792x1024": "1536x1024", "1024x1792": "1024x1536" },
        quality: { standard: "medium", hd: "high" },
      },
    },
    params: [
      param("size", ["1024x1024", "1792x1024", "1024x1792"], "1024x1024"),
      param("quality", ["standard", "hd"], "standard"),
    ],
    pricing: matrixPrice(["size", "quality"], {
      "1024x1024|standard": 5,
      "1792x1024|standard": 9,
      "1024x1792|standard": 9,
      "1024x1024|hd": 9,
      "1792x1024|hd": 13,
      "1024x1792|hd": 13,
    }),
    input: "prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "gpt-image-1.5",
    name: "GPT Image 1.5",
    kind: "image",
    vendor: "OpenAI",
    tier: "basic",
    // gpt-image-1.5 shut down 2026-12-01; OpenAI names gpt-image-2.6-sunburst or -flare its replacement.
    route: {
      provider: "openai",
      upstream: "gpt-image-2.6-sunburst",
      fallbacks: ["gpt-image-2.6-flare"],
      source: "developers.openai.com/api/docs/deprecations (read 2026-12-02)",
      operation: "image",
    },
    params: [
      param("quality", ["low", "medium", "high"], "medium"),
      param("size", ["1024x1024", "1536x1024", "1024x1536"], "1024x1024"),
    ],
    pricing: matrixPrice(["quality", "size"], {
      "low|1024x1024": 1,
      "low|1536x1024": 2,
      "low|1024x1536": 2,
      "medium|1024x1024": 4,
      "medium|1536x1024": 6,
      "medium|1024x1536": 6,
      "high|1024x1024": 14,
      "high|1536x1024": 21,
      "high|1024x1536": 21,
    }),
    input: "prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "flux-1.1-pro",
    name: "Flux 1.1 Pro",
    kind: "image",
    vendor: "Black Forest Labs",
    tier: "basic",
    route: {
      provider: "replicate",
      upstream: "black-forest-labs/flux-1.1-pro",
      source: SEEDED_ROUTE,
      operation: "prediction",
      fixed: { ...REPLICATE_WAIT, output_format: "jpg" },
    },
    params: [param("aspect_ratio", fluxAspectRatios, "1:1")],
    pricing: fixedPrice(4),
    input: "prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "flux-kontext-pro",
    name: "Flux Kontext",
    kind: "image",
    vendor: "Black Forest Labs",
    tier: "basic",
    route: {
      provider: "replicate",
      upstream: "black-forest-labs/flux-kontext-pro",
      source: SEEDED_ROUTE,
      operation: "prediction",
      input: { file: "input_image" },
      fixed: { ...REPLICATE_WAIT, output_format: "jpg" },
    },
    params: [param("aspect_ratio", ["match_input_image", ...commonAspectRatios], "match_input_image")],
    pricing: fixedPrice(3),
    input: "image+prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "sd-3.5-large",
    name: "SD 3.5 Large",
    kind: "image",
    vendor: "Stability AI",
    tier: "basic",
    route: {
      provider: "replicate",
      upstream: "stability-ai/stable-diffusion-3.5-large",
      source: SEEDED_ROUTE,
      operation: "prediction",
      fixed: { ...REPLICATE_WAIT, output_format: "jpg" },
    },
    params: [param("aspect_ratio", ["1:1", "16:9", "9:16", "3:2", "2:3", "21:9", "9:21"], "1:1")],
    pricing: fixedPrice(7),
    input: "prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "midjourney",
    name: "MidJourney",
    kind: "image",
    vendor: "MidJourney",
    tier: "basic",
    // LegNext takes one `text`: fields named `--flag` are appended to the prompt as `--flag value`,
    // and a value that itself starts with `--` (the speed) is appended as it is.
    route: {
      provider: "midjourney",
      upstream: "midjourney",
      source: SEEDED_ROUTE,
      operation: "diffusion",
      input: { aspect_ratio: "--ar", version: "--v", quality: "--q" },
      values: { speed: { relax: "--relax", fast: "--fast", turbo: "--turbo" } },
    },
    params: [
      param("speed", ["relax", "fast", "turbo"], "fast"),
      param("quality", [1, 2], 1),
      param("version", ["7", "6.1", "6"], "7"),
      param("aspect_ratio", ["1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4"], "1:1"),
    ],
    pricing: matrixPrice(["speed", "quality"], {
      "relax|1": 2,
      "relax|2": 4,
      "fast|1": 9,
      "fast|2": 18,
      "turbo|1": 18,
      "turbo|2": 35,
    }),
    input: "prompt",
    aliases: ["midjourney-v6", "midjourney-turbo"],
    aliasParams: { "midjourney-v6": { version: "6" }, "midjourney-turbo": { speed: "turbo" } },
    deadlineSeconds: MIDJOURNEY_DEADLINE_SECONDS,
  },
  {
    slug: "recraft-v3",
    name: "Recraft V3",
    kind: "image",
    vendor: "Recraft",
    tier: "basic",
    route: {
      provider: "replicate",
      upstream: "recraft-ai/recraft-v3",
      source: SEEDED_ROUTE,
      operation: "prediction",
      fixed: REPLICATE_WAIT,
    },
    params: [
      param("style", ["any", "realistic_image", "digital_illustration"], "any"),
      param("aspect_ratio", commonAspectRatios, "1:1"),
    ],
    pricing: fixedPrice(4),
    input: "prompt",
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "photon",
    name: "Luma Photon",
    kind: "image",
    vendor: "Luma",
    tier: "basic",
    route: { provider: "luma", upstream: "photon-1", source: SEEDED_ROUTE, operation: "image" },
    params: [param("aspect_ratio", lumaAspectRatios, "1:1")],
    // Wide frames hold about twice the pixels of square-ish ones at the same height.
    pricing: matrixPrice(["aspect_ratio"], {
      "1:1": 1,
      "4:3": 1,
      "3:4": 1,
      "16:9": 2,
      "9:16": 2,
      "21:9": 2,
      "9:21": 2,
    }),
    input: "prompt",
    aliases: ["photon-1"],
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
  {
    slug: "nano-banana-pro",
    name: "Nano Banana Pro",
    kind: "image",
    vendor: "Google",
    tier: "basic",
    route: {
      provider: "replicate",
      upstream: "google/nano-banana-pro",
      source: SEEDED_ROUTE,
      operation: "prediction",
      input: { file: "image_input[]" },
      fixed: { ...REPLICATE_WAIT, output_format: "jpg" },
    },
    params: [
      param("resolution", ["1K", "2K", "4K"], "2K"),
      param("aspect_ratio", ["match_input_image", ...commonAspectRatios], "match_input_image"),
    ],
    pricing: matrixPrice(["resolution"], { "1K": 16, "2K": 20, "4K": 32 }),
    input: "prompt+image?",
    aliases: ["nano-banana-pro-2k"],
    aliasParams: { "nano-banana-pro-2k": { resolution: "2K" } },
    deadlineSeconds: IMAGE_DEADLINE_SECONDS,
  },
];
