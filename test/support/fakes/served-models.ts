/**
 * The model ids each real API serves today (2026-12-02), as its listing endpoint names them. A fake
 * serves this list and accepts only these ids, so a route that names a retired model fails in tests
 * as it would in production. Where a real listing omits something a product calls by id, a comment says so.
 *
 * Sources: each provider's model and deprecation pages (see `source` on the catalog routes).
 */

// Retired or retiring ids the catalog still names until it is re-routed (issue 7's table).
const STILL_ROUTED = {
  openai: ["gpt-5-nano", "gpt-5", "gpt-image-1", "gpt-image-1.5", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"],
  openaiStt: ["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"],
  anthropic: ["claude-sonnet-4-5", "claude-opus-4-5"],
  gemini: ["gemini-2.5-flash", "gemini-3-pro-preview"],
  deepseek: ["deepseek-chat", "deepseek-reasoner"],
  xai: ["grok-4-fast-non-reasoning"],
  replicate: ["openai/sora-2"],
};

export const OPENAI_MODELS: readonly string[] = [
  "gpt-6-astra",
  "gpt-6.1-sol",
  "gpt-6-sol",
  "gpt-6-luna",
  "gpt-5.6-sol",
  "gpt-5.6-terra",
  "gpt-5.6-luna",
  "gpt-5.5",
  "gpt-5.4",
  "gpt-5.4-mini",
  "gpt-5.2",
  "gpt-5.2-pro",
  "gpt-image-2",
  "gpt-transcribe",
  "gpt-live-transcribe",
  ...STILL_ROUTED.openai,
  ...STILL_ROUTED.openaiStt,
  // Sora's API is shut down (2026-09-24); the fake's /videos route stays for adapter tests.
  "sora-2",
  "sora-2-pro",
];

export const ANTHROPIC_MODELS: readonly string[] = [
  "claude-opus-4-8",
  "claude-opus-4-7",
  "claude-opus-4-6",
  "claude-sonnet-4-6",
  "claude-haiku-4-5",
  ...STILL_ROUTED.anthropic,
];

/** Gemini's OpenAI-compatible listing names models as `models/<id>`; requests name the bare id. */
export const GEMINI_MODELS: readonly string[] = [
  "gemini-3.5-flash",
  "gemini-3.1-pro-preview",
  "gemini-3.1-flash-lite",
  ...STILL_ROUTED.gemini,
];

export const DEEPSEEK_MODELS: readonly string[] = ["deepseek-v4-flash", "deepseek-v4-pro", ...STILL_ROUTED.deepseek];

export const XAI_MODELS: readonly string[] = [
  "grok-4.3",
  "grok-4.20-non-reasoning",
  "grok-4.20-reasoning",
  "grok-imagine-image",
  ...STILL_ROUTED.xai,
];

/** Replicate has no list of everything; each `owner/name` here answers `GET /models/{owner}/{name}`. */
export const REPLICATE_MODELS: readonly string[] = [
  "meta/musicgen",
  "minimax/speech-02-turbo",
  "black-forest-labs/flux-1.1-pro",
  "black-forest-labs/flux-kontext-pro",
  "black-forest-labs/flux-kontext-dev",
  "stability-ai/stable-diffusion-3.5-large",
  "recraft-ai/recraft-v3",
  "google/nano-banana-pro",
  "nightmareai/real-esrgan",
  "codeplugtech/face-swap",
  "lucataco/remove-bg",
  "piddnad/ddcolor",
  "qwen/qwen-image-edit",
  "abiruyt/text-extract-ocr",
  "kwaivgi/kling-v2.1",
  "minimax/video-01",
  "google/veo-3.1",
  ...STILL_ROUTED.replicate,
];

/**
 * ElevenLabs' `GET /v1/models` lists its speech models; the fake also lists the speech-to-text,
 * sound and music model ids, which its endpoints take as `model_id`, so one list governs them all.
 */
export const ELEVENLABS_MODELS: readonly string[] = [
  "eleven_v3",
  "eleven_multilingual_v2",
  "eleven_flash_v2_5",
  "eleven_turbo_v2_5",
  "eleven_multilingual_sts_v2",
  "eleven_english_sts_v2",
  "eleven_text_to_sound_v2",
  "music_v1",
  "scribe_v1",
  "scribe_v2",
];
