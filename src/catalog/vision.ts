import type { ModelSpec } from "./types.js";

/** Vendors whose chat models read images (GPT-5.x, Claude, Gemini); DeepSeek's and Grok's here do not. */
const VISION_VENDORS: ReadonlySet<string> = new Set(["OpenAI", "Anthropic", "Google"]);

/** A text model that can be asked about a photo. */
export function isVisionCapable(model: ModelSpec): boolean {
  return model.kind === "text" && VISION_VENDORS.has(model.vendor);
}
