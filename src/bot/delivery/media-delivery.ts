import { type Api, InlineKeyboard, InputFile } from "grammy";
import type { OpenedOutput } from "../../generation/types.js";
import type { Logger } from "../../logger.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import { renderAnswer } from "../formatting/split-message.js";
import { type FileLimits, megabytes } from "./limits.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface MediaDeliveryRequest {
  api: Api;
  job: GenerationRow;
  outputs: OpenedOutput[];
  /** The receipt line, already escaped; it goes into the caption of the last result. */
  footer: string;
  limits: FileLimits;
  t: Translate;
  logger: Logger;
}

type Method = "photo" | "video" | "audio" | "voice" | "document";

/** How a result of this MIME type is sent natively. */
export function methodFor(mime: string, kind: string): Method {
  if (mime.startsWith("image/")) return mime === "image/gif" ? "document" : "photo";
  if (mime.startsWith("video/")) return "video";
  if (mime === "audio/ogg" && kind === "tts") return "voice";
  if (mime.startsWith("audio/")) return "audio";
  return "document";
}

/**
 * Sends each result natively (photo, video, audio, voice), streaming it from the upstream into the
 * upload without holding whole files in memory. Too big for an upload → sent as a link, never dropped.
 */
export async function sendMediaOutputs(req: MediaDeliveryRequest): Promise<void> {
  const { api, job, outputs, footer, limits, t } = req;
  for (const [index, opened] of outputs.entries()) {
    const last = index === outputs.length - 1;
    const caption = last ? `<i>${footer}</i>` : undefined;
    if (opened.output.type === "text") {
      const parts = renderAnswer(opened.output.text, { footer: last ? `\n\n<i>${footer}</i>` : undefined });
      for (const part of parts) await api.sendMessage(job.chat_id, part, { parse_mode: "HTML" });
      continue;
    }
    const download = opened.output.type === "bytes" ? undefined : await opened.open?.();
    const size = opened.size ?? download?.size;
    const mime = download?.mime && !download.mime.startsWith("application/octet") ? download.mime.split(";")[0] ?? opened.mime : opened.mime;
    let method = methodFor(mime, job.kind);
    const limit = method === "photo" ? limits.uploadPhoto : limits.upload;
    if (size !== undefined && size > limit && method === "photo" && size <= limits.upload) method = "document";
    if (size !== undefined && size > limits.upload) {
      (download?.stream as { destroy?: () => void } | undefined)?.destroy?.();
      await sendAsLink(req, opened, size, caption);
      continue;
    }
    const source = opened.output.type === "bytes" ? opened.output.data : (download?.stream as NodeJS.ReadableStream);
    const file = new InputFile(source as never, opened.filename);
    const keyboard =
      method === "photo" ? new InlineKeyboard().text(t("btn-original"), cb.original.pack({ id: String(job.id), index: String(index) })) : undefined;
    const options = { caption, parse_mode: "HTML" as const, reply_markup: keyboard };
    try {
      await send(api, method, job.chat_id, file, options);
    } catch (error) {
      const description = String((error as { description?: string }).description ?? (error as Error).message);
      if (!/too big|too large|entity too large/i.test(description) || opened.output.type !== "url") throw error;
      await sendAsLink(req, opened, size, caption);
    }
  }
}

async function send(api: Api, method: Method, chatId: number, file: InputFile, options: object) {
  switch (method) {
    case "photo":
      return api.sendPhoto(chatId, file, options);
    case "video":
      return api.sendVideo(chatId, file, { ...options, supports_streaming: true });
    case "audio":
      return api.sendAudio(chatId, file, options);
    case "voice":
      return api.sendVoice(chatId, file, options);
    default:
      return api.sendDocument(chatId, file, options);
  }
}

async function sendAsLink(req: MediaDeliveryRequest, opened: OpenedOutput, size: number | undefined, caption?: string) {
  if (opened.output.type !== "url") throw new Error("a result too large to upload has no link");
  const text = req.t("result-as-link", { size: size ? megabytes(size) : "?" });
  const keyboard = new InlineKeyboard().url(req.t("btn-download"), opened.output.url);
  await req.api.sendMessage(req.job.chat_id, caption ? `${text}\n\n${caption}` : text, { parse_mode: "HTML", reply_markup: keyboard });
}
