import type { ParamSpec, ParamValue } from "../types.js";
import { param } from "./define.js";

/**
 * A few of ElevenLabs' default (premade) voices, available to every account. The bot shows the
 * name; the route's `values` turns it into the voice id the API wants in its URL path.
 */
const elevenLabsVoiceIds = {
  sarah: "EXAVITQu4vr4xnSDxMaL",
  george: "JBFqnCBsd6RMkjVDRZzb",
  laura: "FGY2WhTYpPnrIDTdsKH5",
  roger: "CwhRBWXzGAHq8TQ4Fs17",
  alice: "Xb7hH8MSUJpSbSDYk0k2",
  liam: "TX3LPaxmHKxFdv7VOQHJ",
  jessica: "cgSgspJ2msm6clMCkdW9",
  charlie: "IKne3meq5aSn9XLyUdCD",
} as const satisfies Record<string, string>;

const elevenLabsVoiceNames = Object.keys(elevenLabsVoiceIds);

/** An ElevenLabs voice parameter under `name` (dialogue has two). */
export function elevenLabsVoice(name: string, defaultVoice: keyof typeof elevenLabsVoiceIds): ParamSpec {
  return param(name, elevenLabsVoiceNames, defaultVoice);
}

/** `values` for a route: voice name → voice id. */
export const elevenLabsVoiceValues: Readonly<Record<string, ParamValue>> = elevenLabsVoiceIds;

/** OpenAI's voices; `tts-1` and `tts-1-hd` take the first six, `gpt-4o-mini-tts` all of them. */
export const openAiClassicVoices = ["alloy", "echo", "fable", "onyx", "nova", "shimmer"] as const;
export const openAiVoices = [...openAiClassicVoices, "ash", "coral", "sage"] as const;

/** Preset voices of MiniMax Speech 02 on Replicate (`voice_id`). */
export const minimaxVoices = [
  "Wise_Woman",
  "Friendly_Person",
  "Deep_Voice_Man",
  "Calm_Woman",
  "Casual_Guy",
  "Lively_Girl",
] as const;
