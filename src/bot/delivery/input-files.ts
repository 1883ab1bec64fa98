import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, isAbsolute } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
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

export interface InputFetcherDeps {
  api: Pick<Api, "getFile">;
  botToken: string;
  apiRoot: string;
  /** A self-hosted Bot API server in `--local` mode: `file_path` is a path on this machine's disk. */
  localApiServer: boolean;
}

/**
 * A user's file, found through getFile and read as a stream only when an upstream takes it: from
 * the disk of a local Bot API server, or from the Bot API's file endpoint. The file URL carries the
 * bot token, so it is used here and nowhere else: never logged, never handed to an upstream.
 */
export function createInputFetcher(deps: InputFetcherDeps, limits: FileLimits) {
  return async (ref: InputRef): Promise<InputFile> => {
    if (ref.size !== undefined && ref.size > limits.download) throw new InputTooLarge(ref.size, limits.download);
    const file = await deps.api.getFile(ref.fileId);
    const path = file.file_path;
    if (!path) throw new Error("Telegram returned no file_path");
    const fromPath = path.split("/").pop() ?? "";
    const filename = ref.fileName ?? (extname(fromPath) ? fromPath : DEFAULT_NAMES[ref.kind]);
    const mime = ref.mime ?? mimeOf(filename);
    if (deps.localApiServer && isAbsolute(path)) {
      const size = (await stat(path)).size;
      return { filename, mime, size, open: async () => createReadStream(path) };
    }
    const open = async (): Promise<AsyncIterable<Uint8Array>> => {
      const response = await fetch(`${deps.apiRoot}/file/bot${deps.botToken}/${encodePath(path)}`);
      // The status only: the URL (with the token) stays out of errors and logs.
      if (!response.ok || !response.body) throw new Error(`file download failed: HTTP ${response.status}`);
      return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    };
    return { filename, mime, size: file.file_size ?? ref.size, open };
  };
}

/** file_path is the server's to choose: each segment is encoded, so `#`, `?` or `%` in it stay part of the path. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
