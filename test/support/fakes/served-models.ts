/**
 * The model ids each real API serves today (2026-12-02), as its listing endpoint names them. A fake
 * serves this list and accepts only these ids, so a route that names a retired model fails in tests
 * as it would in production. Where a real listing omits something a product calls by id, a comment says so.
 *
 * Sources: each provider's model and deprecation pages (see `source` on the catalog routes).
 */

// Deprecated ids the real APIs still serve on 2026-12-02, until their shutdown dates. The catalog names
// none of them (test/catalog/routes.test.ts); adapter tests of an endpoint with no successor use them.
const UNTIL_SHUTDOWN = {
  // 2026-12-11
  openaiText: ["gpt-5-nano", "gpt-5"],
  // 2027-01-06: the /audio/speech models; the replacement (gpt-realtime-2.1-mini) speaks only the Realtime API.
  openaiSpeech: ["tts-1", "tts-1-hd", "gpt-4o-mini-tts"],
  // 2027-02-26
  openaiTranscription: ["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"],
  // 2027-02-10
  openaiImage: ["gpt-image-2"],
  // around 2027-01-22
  anthropic: ["claude-opus-4-5"],
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
  "gpt-image-2.6-sunburst",
  "gpt-image-2.6-flare",
  "gpt-transcribe",
  "gpt-live-transcribe",
  "gpt-realtime-2.1-mini",
  ...UNTIL_SHUTDOWN.openaiText,
  ...UNTIL_SHUTDOWN.openaiSpeech,
  ...UNTIL_SHUTDOWN.openaiTranscription,
  ...UNTIL_SHUTDOWN.openaiImage,
];

export const ANTHROPIC_MODELS: readonly string[] = [
  "claude-fable-5-2",
  "claude-opus-5-5",
  "claude-sonnet-5-5",
  "claude-haiku-5-5",
  "claude-opus-4-8",
  "claude-opus-4-7",
  "claude-opus-4-6",
  "claude-sonnet-4-6",
  "claude-haiku-4-5",
  ...UNTIL_SHUTDOWN.anthropic,
];

/** Gemini's OpenAI-compatible listing names models as `models/<id>`; requests name the bare id. */
export const GEMINI_MODELS: readonly string[] = [
  "gemini-3.8-flash",
  "gemini-3.7-flash",
  "gemini-3.6-flash",
  "gemini-3.5-flash",
  "gemini-3.5-flash-lite",
  "gemini-3.1-pro-preview",
  "gemini-3.1-flash-lite",
  "gemini-2.5-flash-lite",
];

/** `deepseek-v4-flash` still answers but is served by V4.1 Flash; DeepSeek's pricing page says to use `deepseek-flash`. */
export const DEEPSEEK_MODELS: readonly string[] = ["deepseek-flash", "deepseek-v4-pro"];

export const XAI_MODELS: readonly string[] = [
  "grok-4.3",
  "grok-4.20-non-reasoning",
  "grok-4.20-reasoning",
  "grok-imagine-image",
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
