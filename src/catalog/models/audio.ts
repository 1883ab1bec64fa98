import type { ModelSpec, ParamValue } from "../types.js";
import { fixedPrice, matrixPrice, param, SEEDED_ROUTE } from "./define.js";
import { elevenLabsVoice, elevenLabsVoiceValues, minimaxVoices, openAiClassicVoices, openAiVoices } from "./voices.js";

const MUSIC_DEADLINE_SECONDS = 600;
const SPEECH_DEADLINE_SECONDS = 180;
const TRANSCRIPTION_DEADLINE_SECONDS = 300;
const AUDIO_TOOL_DEADLINE_SECONDS = 300;

/** The 2 music models. */
export const musicModels: readonly ModelSpec[] = [
  {
    slug: "musicgen",
    name: "MusicGen",
    kind: "music",
    vendor: "Meta",
    tier: "basic",
    // A community model: Replicate runs it by version.
    route: {
      provider: "replicate",
      upstream: "meta/musicgen:671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb",
      source: SEEDED_ROUTE,
      operation: "prediction",
      fixed: {
        model_version: "stereo-melody-large",
        duration: 30,
        output_format: "mp3",
        normalization_strategy: "peak",
      },
    },
    params: [],
    pricing: fixedPrice(9),
    input: "prompt",
    deadlineSeconds: MUSIC_DEADLINE_SECONDS,
  },
  {
    slug: "elevenlabs-music",
    name: "ElevenLabs Music",
    kind: "music",
    vendor: "ElevenLabs",
    tier: "basic",
    route: {
      provider: "elevenlabs",
      upstream: "music_v1",
      source: SEEDED_ROUTE,
      operation: "music",
      fixed: { music_length_ms: 60_000 },
    },
    params: [],
    pricing: fixedPrice(58),
    input: "prompt",
    deadlineSeconds: MUSIC_DEADLINE_SECONDS,
  },
];

/**
 * OpenAI shuts its speech endpoint's models (tts-1, tts-1-hd, gpt-4o-mini-tts) down on 2027-01-06 and
 * names gpt-realtime-2.1-mini, which speaks only the Realtime API, as the replacement: nothing serves
 * these products through /audio/speech any more, so they are shown unavailable (no upstream is named).
 */
function openAiSpeech(slug: string, name: string, cost: number, voices: readonly string[]): ModelSpec {
  return {
    slug,
    name,
    kind: "tts",
    vendor: "OpenAI",
    tier: "basic",
    route: {
      provider: "openai",
      upstream: "",
      operation: "speech",
      fixed: { response_format: "mp3" },
      unavailable: "routes-unavailable-openai-speech",
      source: "developers.openai.com/api/docs/guides/text-to-speech (read 2026-12-02)",
    },
    params: [param("voice", voices, "alloy")],
    pricing: fixedPrice(cost),
    input: "prompt",
    deadlineSeconds: SPEECH_DEADLINE_SECONDS,
  };
}

function elevenLabsSpeech(slug: string, name: string, upstream: string, cost: number): ModelSpec {
  return {
    slug,
    name,
    kind: "tts",
    vendor: "ElevenLabs",
    tier: "basic",
    route: {
      provider: "elevenlabs",
      upstream,
      source: SEEDED_ROUTE,
      operation: "speech",
      input: { voice: "voice_id" },
      values: { voice: elevenLabsVoiceValues },
      fixed: { output_format: "mp3_44100_128" },
    },
    params: [elevenLabsVoice("voice", "sarah")],
    pricing: fixedPrice(cost),
    input: "prompt",
    deadlineSeconds: SPEECH_DEADLINE_SECONDS,
  };
}

/** The 6 text-to-speech models; the prompt is the text to speak. */
export const ttsModels: readonly ModelSpec[] = [
  {
    slug: "minimax-tts",
    name: "MiniMax TTS",
    kind: "tts",
    vendor: "MiniMax",
    tier: "basic",
    route: {
      provider: "replicate",
      upstream: "minimax/speech-02-turbo",
      source: SEEDED_ROUTE,
      operation: "prediction",
      input: { prompt: "text", voice: "voice_id" },
      // Speech takes seconds: wait for it rather than poll (music, minutes long, polls).
      fixed: { _wait: 60 },
    },
    params: [param("voice", minimaxVoices, "Wise_Woman")],
    pricing: fixedPrice(1),
    input: "prompt",
    deadlineSeconds: SPEECH_DEADLINE_SECONDS,
  },
  openAiSpeech("openai-tts", "OpenAI TTS", 3, openAiClassicVoices),
  openAiSpeech("openai-tts-hd", "OpenAI TTS HD", 6, openAiClassicVoices),
  openAiSpeech("gpt-4o-mini-tts", "GPT-4o mini TTS", 3, openAiVoices),
  elevenLabsSpeech("elevenlabs-flash", "ElevenLabs Flash", "eleven_flash_v2_5", 18),
  elevenLabsSpeech("elevenlabs-v2", "ElevenLabs Multilingual v2", "eleven_multilingual_v2", 35),
];

/** Flat-priced audio models take recordings up to 10 minutes (dubbing is priced by the minute instead). */
const MAX_RECORDING_SECONDS = 600;

function transcription(
  slug: string,
  name: string,
  provider: "openai" | "elevenlabs",
  upstream: string,
  source: string,
): ModelSpec {
  const route: ModelSpec["route"] = { provider, upstream, operation: "transcription", source };
  return {
    slug,
    name,
    kind: "stt",
    vendor: provider === "openai" ? "OpenAI" : "ElevenLabs",
    tier: "starter",
    route: provider === "openai" ? { ...route, fixed: { response_format: "json" } } : route,
    params: [],
    pricing: fixedPrice(2),
    input: "speech",
    deadlineSeconds: TRANSCRIPTION_DEADLINE_SECONDS,
    maxInputSeconds: MAX_RECORDING_SECONDS,
  };
}

const OPENAI_STT_SOURCE = "developers.openai.com/api/docs/deprecations (read 2026-12-02)";

/** The 3 speech-to-text models, all on the Starter tier. */
export const sttModels: readonly ModelSpec[] = [
  // whisper-1 and gpt-4o-transcribe shut down 2027-02-26; OpenAI names gpt-transcribe the replacement
  // for recorded files, on the same endpoint.
  transcription("whisper", "Whisper", "openai", "gpt-transcribe", OPENAI_STT_SOURCE),
  transcription("gpt-4o-transcribe", "GPT-4o Transcribe", "openai", "gpt-transcribe", OPENAI_STT_SOURCE),
  transcription(
    "elevenlabs-scribe",
    "ElevenLabs Scribe",
    "elevenlabs",
    "scribe_v1",
    "elevenlabs.io/docs/api-reference/speech-to-text (read 2026-12-02)",
  ),
];

/** Dubbing is paid per started minute of the source; the upstream dubs only that much (`end_time`, seconds). */
const dubbingMinutes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const dubbingLanguages = "en ru es de fr it pt pl tr uk ja zh ko ar hi".split(" ");

/** The 5 ElevenLabs audio tools. */
export const audioToolModels: readonly ModelSpec[] = [
  {
    slug: "elevenlabs-sfx",
    name: "ElevenLabs Sound Effects",
    kind: "audio",
    vendor: "ElevenLabs",
    tier: "basic",
    route: { provider: "elevenlabs", upstream: "eleven_text_to_sound_v2", source: SEEDED_ROUTE, operation: "sound" },
    params: [],
    pricing: fixedPrice(12),
    input: "prompt",
    deadlineSeconds: AUDIO_TOOL_DEADLINE_SECONDS,
  },
  {
    slug: "el-voice-changer",
    name: "ElevenLabs Voice Changer",
    kind: "audio",
    vendor: "ElevenLabs",
    tier: "basic",
    route: {
      provider: "elevenlabs",
      upstream: "eleven_multilingual_sts_v2",
      source: SEEDED_ROUTE,
      operation: "voice-change",
      input: { voice: "voice_id" },
      values: { voice: elevenLabsVoiceValues },
    },
    params: [elevenLabsVoice("voice", "george")],
    pricing: fixedPrice(15),
    input: "audio",
    deadlineSeconds: AUDIO_TOOL_DEADLINE_SECONDS,
    maxInputSeconds: MAX_RECORDING_SECONDS,
  },
  {
    slug: "el-voice-isolator",
    name: "ElevenLabs Voice Isolator",
    kind: "audio",
    vendor: "ElevenLabs",
    tier: "basic",
    route: { provider: "elevenlabs", upstream: "audio-isolation", source: SEEDED_ROUTE, operation: "isolation" },
    params: [],
    pricing: fixedPrice(12),
    input: "audio",
    deadlineSeconds: AUDIO_TOOL_DEADLINE_SECONDS,
    maxInputSeconds: MAX_RECORDING_SECONDS,
  },
  {
    slug: "el-dubbing",
    name: "ElevenLabs Dubbing",
    kind: "audio",
    vendor: "ElevenLabs",
    tier: "basic",
    route: {
      provider: "elevenlabs",
      upstream: "dubbing",
      source: SEEDED_ROUTE,
      operation: "dubbing",
      input: { minutes: "end_time" },
      values: { minutes: Object.fromEntries(dubbingMinutes.map((m) => [String(m), m * 60] as [string, ParamValue])) },
      fixed: { source_lang: "auto", start_time: 0 },
    },
    params: [param("target_lang", dubbingLanguages, "en"), param("minutes", dubbingMinutes, 1)],
    pricing: matrixPrice(["minutes"], Object.fromEntries(dubbingMinutes.map((m) => [String(m), m * 60]))),
    input: "audio",
    deadlineSeconds: 1800,
    maxInputSeconds: dubbingMinutes.length * 60,
  },
  {
    slug: "el-dialogue",
    name: "ElevenLabs Dialogue",
    kind: "audio",
    vendor: "ElevenLabs",
    tier: "basic",
    // Text to dialogue needs Eleven v3; the prompt's lines alternate between the two voices.
    route: {
      provider: "elevenlabs",
      upstream: "eleven_v3",
      source: SEEDED_ROUTE,
      operation: "dialogue",
      values: { voice: elevenLabsVoiceValues, voice2: elevenLabsVoiceValues },
    },
    params: [elevenLabsVoice("voice", "sarah"), elevenLabsVoice("voice2", "george")],
    pricing: fixedPrice(15),
    input: "prompt",
    deadlineSeconds: AUDIO_TOOL_DEADLINE_SECONDS,
  },
];
