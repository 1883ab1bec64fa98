import type { ModelKind, ModelSpec } from "../types.js";
import { audioToolModels, musicModels, sttModels, ttsModels } from "./audio.js";
import { imageModels } from "./image.js";
import { textModels } from "./text.js";
import { toolModels } from "./tools.js";
import { videoModels } from "./video.js";

/** The menu's categories, in the order the bot shows them. */
export const modelKinds: readonly ModelKind[] = ["text", "image", "video", "music", "tts", "stt", "audio", "tool"];

/** All 52 models, in menu order: by kind, then as the price list lists them. */
export const allModels: readonly ModelSpec[] = [
  ...textModels,
  ...imageModels,
  ...videoModels,
  ...musicModels,
  ...ttsModels,
  ...sttModels,
  ...audioToolModels,
  ...toolModels,
];

export { audioToolModels, imageModels, musicModels, sttModels, textModels, toolModels, ttsModels, videoModels };
