import type { ModelKind } from "../../src/catalog/types.js";

/**
 * The canonical price list (seed 000), as `slug: [min, max]` by category. A fixed price has min = max.
 * Copied by hand from the seed so the catalog is checked against it, not against itself.
 */
export const priceList: Record<ModelKind, Record<string, readonly [number, number]>> = {
  text: {
    "gpt-5-nano": [1, 1],
    "claude-haiku-4.5": [1, 1],
    "gemini-2.5-flash": [1, 1],
    "deepseek-v3": [1, 1],
    "grok-4-fast": [1, 1],
    "gpt-5": [2, 2],
    "deepseek-r1": [1, 1],
    "gpt-5.2": [4, 4],
    "claude-sonnet-4.5": [4, 4],
    "gemini-3-pro": [3, 3],
    "claude-opus-4.5": [6, 6],
    "gpt-5.2-pro": [39, 39],
  },
  image: {
    "photon-flash": [1, 1],
    "dall-e-3": [5, 13],
    "gpt-image-1.5": [1, 21],
    "flux-1.1-pro": [4, 4],
    "flux-kontext-pro": [3, 3],
    "sd-3.5-large": [7, 7],
    midjourney: [2, 35],
    "recraft-v3": [4, 4],
    photon: [1, 2],
    "nano-banana-pro": [16, 32],
  },
  video: {
    "luma-ray2-flash": [15, 93],
    "kling-v2.1": [26, 94],
    "minimax-video": [88, 88],
    "luma-ray2": [42, 180],
    "midjourney-video": [50, 320],
    "sora-2": [42, 125],
    "veo-3.1": [83, 334],
  },
  music: {
    musicgen: [9, 9],
    "elevenlabs-music": [58, 58],
  },
  tts: {
    "minimax-tts": [1, 1],
    "openai-tts": [3, 3],
    "openai-tts-hd": [6, 6],
    "gpt-4o-mini-tts": [3, 3],
    "elevenlabs-flash": [18, 18],
    "elevenlabs-v2": [35, 35],
  },
  stt: {
    whisper: [2, 2],
    "gpt-4o-transcribe": [2, 2],
    "elevenlabs-scribe": [2, 2],
  },
  audio: {
    "elevenlabs-sfx": [12, 12],
    "el-voice-changer": [15, 15],
    "el-voice-isolator": [12, 12],
    "el-dubbing": [60, 600],
    "el-dialogue": [15, 15],
  },
  tool: {
    upscale: [1, 1],
    "face-swap": [1, 1],
    "remove-bg": [1, 1],
    "style-transfer": [1, 1],
    colorize: [1, 1],
    inpaint: [3, 3],
    "text-ocr": [1, 1],
  },
};

/** The Starter tier, as the brief and FAQ define it (19 models). */
export const starterSlugs = [
  "gpt-5-nano",
  "claude-haiku-4.5",
  "gemini-2.5-flash",
  "deepseek-v3",
  "grok-4-fast",
  "deepseek-r1",
  "photon-flash",
  "dall-e-3",
  "luma-ray2-flash",
  "upscale",
  "face-swap",
  "remove-bg",
  "style-transfer",
  "colorize",
  "inpaint",
  "text-ocr",
  "whisper",
  "gpt-4o-transcribe",
  "elevenlabs-scribe",
];

export const priceListEntries = Object.entries(priceList).flatMap(([kind, models]) =>
  Object.entries(models).map(([slug, [min, max]]) => ({ kind: kind as ModelKind, slug, min, max })),
);
