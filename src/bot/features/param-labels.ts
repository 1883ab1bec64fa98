import { resolveParams } from "../../catalog/pricing.js";
import type { ModelSpec, ParamValue } from "../../catalog/types.js";
import type { BotContext } from "../context.js";

/** Parameters the bot sets from the input itself (dubbing: the source's length), never offered as buttons. */
export const AUTO_PARAMS: ReadonlySet<string> = new Set(["minutes"]);

/** `aspect_ratio` → `aspect-ratio`, `match_input_image` → `match-input-image`, `6.1` → `6-1`: a locale key part. */
export function keyPart(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** The locale key of a parameter's name; a two-voice model's first voice is "Voice 1". */
export function paramLabelKey(model: ModelSpec, name: string): string {
  const twoVoices = model.params.some((p) => p.name === "voice2");
  return name === "voice" && twoVoices ? "param-label-voice-1" : `param-label-${keyPart(name)}`;
}

/** The user's word for a parameter: "Duration"; ElevenLabs Dialogue's voices are "Voice 1" and "Voice 2". */
export function paramLabel(ctx: BotContext, model: ModelSpec, name: string): string {
  return ctx.t(paramLabelKey(model, name));
}

/** Parameters whose word values (not numbers, sizes or ratios) are translated. */
const WORDED: ReadonlySet<string> = new Set([
  "quality",
  "aspect_ratio",
  "mode",
  "speed",
  "style",
  "motion",
  "target_lang",
]);

/** The locale key of a value that reads as a word (`hd`, `match_input_image`, `de`); `undefined` for the rest. */
export function paramValueKey(name: string, value: ParamValue): string | undefined {
  if (typeof value !== "string" || !WORDED.has(name) || !/[a-z]/i.test(value)) return undefined;
  return `param-value-${keyPart(name)}-${keyPart(value)}`;
}

/**
 * A value as the user reads it, with its unit: `5s` and `5` of a duration → "5 s" ("5 с"), `hd` → "HD",
 * `true` → "On", `de` → "German", voice ids → "Wise Woman". Values without a special form show as they are ("1080p", "16:9").
 */
export function paramValueLabel(ctx: BotContext, name: string, value: ParamValue): string {
  if (typeof value === "boolean") return ctx.t(value ? "param-value-on" : "param-value-off");
  const text = String(value);
  const seconds = /^(\d+)s?$/.exec(text)?.[1];
  if (name === "duration" && seconds !== undefined) return ctx.t("param-value-seconds", { n: Number(seconds) });
  if (name === "scale") return ctx.t("param-value-times", { n: text });
  if (name === "version") return `v${text}`;
  if (name === "voice" || name === "voice2") return text.replace(/_/g, " ").replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  const key = paramValueKey(name, value);
  return key ? ctx.t(key) : text;
}

/** "Size: 1792x1024 · Quality: HD": the card's and the quote's line of chosen values. */
export function paramsSummary(ctx: BotContext, model: ModelSpec, params: Record<string, ParamValue>): string {
  const resolved = resolveParams(model, params);
  return model.params
    .filter((p) => !AUTO_PARAMS.has(p.name))
    .map((p) => `${paramLabel(ctx, model, p.name)}: ${paramValueLabel(ctx, p.name, resolved[p.name] ?? p.default)}`)
    .join(" · ");
}
