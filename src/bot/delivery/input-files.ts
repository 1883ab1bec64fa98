import { extname } from "node:path";
import type { Api } from "grammy";
import { mimeOf } from "../../generation/outputs.js";
import type { InputRef } from "../../generation/types.js";
import type { InputFile } from "../../providers/types.js";
import type { FileLimits } from "./limits.js";

/** A file the user sent is larger than Telegram lets a bot download. */
export class InputTooLarge extends Error {
  override readonly name = "InputTooLarge";
  readonly i18nKey = "error-input-too-large";
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`input of ${size} bytes is over ${limit}`);
  }
}

const DEFAULT_NAMES: Record<InputRef["kind"], string> = {
  photo: "photo.jpg",
  voice: "voice.ogg",
  audio: "audio.mp3",
  video_note: "video_note.mp4",
  video: "video.mp4",
  document: "file.bin",
};

/** Downloads a user's file through getFile and the Bot API's file endpoint. */
export function createInputFetcher(deps: { api: Api; botToken: string; apiRoot: string }, limits: FileLimits) {
  return async (ref: InputRef): Promise<InputFile> => {
    if (ref.size !== undefined && ref.size > limits.download) throw new InputTooLarge(ref.size, limits.download);
    const file = await deps.api.getFile(ref.fileId);
    if (!file.file_path) throw new Error("Telegram returned no file_path");
    const response = await fetch(`${deps.apiRoot}/file/bot${deps.botToken}/${file.file_path}`);
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    const data = Buffer.from(await response.arrayBuffer());
    const fromPath = file.file_path.split("/").pop() ?? "";
    const filename = ref.fileName ?? (extname(fromPath) ? fromPath : DEFAULT_NAMES[ref.kind]);
    return { data, filename, mime: ref.mime ?? mimeOf(filename) };
  };
}
