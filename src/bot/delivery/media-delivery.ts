import type { Readable } from "node:stream";
import { type Api, InlineKeyboard, InputFile } from "grammy";
import type { OpenedOutput } from "../../generation/types.js";
import type { Logger } from "../../logger.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import { escapeHtml, visibleLength } from "../formatting/html.js";
import { renderAnswer, splitHtml, TELEGRAM_TEXT_LIMIT } from "../formatting/split-message.js";
import { type FileLimits, megabytes } from "./limits.js";
import type { PartSender } from "./part-sender.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface MediaDeliveryRequest {
  api: Api;
  job: GenerationRow;
  outputs: OpenedOutput[];
  /** The receipt line, already escaped; it goes into the caption of the last result. */
  footer: string;
  /** Sends each message as the next part of the result (skipping parts already delivered, waiting out flood limits). */
  part: PartSender;
  limits: FileLimits;
  t: Translate;
  logger: Logger;
  /** Sends a text model's answer (its Markdown, the footer and the buttons under it); without it, answers go out as HTML. */
  sendAnswer?: (markdown: string, footer?: string, keyboard?: InlineKeyboard) => Promise<void>;
  /** The buttons under one result (actions on it); only 📎 Original under photos when absent. */
  keyboardFor?: (index: number, method: Method | "text", last: boolean) => InlineKeyboard | undefined;
}

export type Method = "photo" | "video" | "audio" | "voice" | "document";

/** How a result of this MIME type is sent natively. */
export function methodFor(mime: string, kind: string): Method {
  if (mime.startsWith("image/")) return mime === "image/gif" ? "document" : "photo";
  if (mime.startsWith("video/")) return "video";
  if (mime === "audio/ogg" && kind === "tts") return "voice";
  if (mime.startsWith("audio/")) return "audio";
  return "document";
}

/**
 * A text result as the messages to send: a text model's Markdown is rendered, anything else
 * (a transcript, OCR) is shown exactly as it came — escaped and split at Telegram's limit.
 */
export function textParts(text: string, kind: string, footer?: string): string[] {
  const tail = footer === undefined ? "" : `\n\n<i>${footer}</i>`;
  const alone = footer === undefined ? [] : [`<i>${footer}</i>`];
  if (kind === "text") {
    const parts = renderAnswer(text, { footer: tail || undefined });
    return parts.length > 0 ? parts : alone;
  }
  const parts = splitHtml(escapeHtml(text.trim()), TELEGRAM_TEXT_LIMIT);
  const last = parts.at(-1);
  if (!tail) return parts;
  if (last !== undefined && visibleLength(last + tail) <= TELEGRAM_TEXT_LIMIT) parts[parts.length - 1] = last + tail;
  else parts.push(...alone);
  return parts;
}

/**
 * Sends each result natively (photo, video, audio, voice), streaming it from the upstream into the
 * upload without holding whole files in memory. Too big for an upload → sent as a link, never dropped.
 */
export async function sendMediaOutputs(req: MediaDeliveryRequest): Promise<void> {
  const { api, job, outputs, footer, part } = req;
  for (const [index, opened] of outputs.entries()) {
    const last = index === outputs.length - 1;
    if (opened.output.type === "text") {
      const keyboard = req.keyboardFor?.(index, "text", last);
      if (job.kind === "text" && req.sendAnswer) {
        await req.sendAnswer(opened.output.text, last ? footer : undefined, keyboard);
        continue;
      }
      const texts = textParts(opened.output.text, job.kind, last ? footer : undefined);
      for (const [i, text] of texts.entries()) {
        const markup = i === texts.length - 1 ? keyboard : undefined;
        await part(() =>
          api.sendMessage(job.chat_id, text, {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            reply_markup: markup,
          }),
        );
      }
      continue;
    }
    // A flood wait makes the part start over: the download is opened again for the new upload.
    await part(() => sendOneMedia(req, opened, index, last, last ? `<i>${footer}</i>` : undefined));
  }
}

async function sendOneMedia(
  req: MediaDeliveryRequest,
  opened: OpenedOutput,
  index: number,
  last: boolean,
  caption?: string,
) {
  const { api, job, limits, t } = req;
  const download = opened.output.type === "bytes" ? undefined : await opened.open?.();
  const size = opened.size ?? download?.size;
  const served = download?.mime?.split(";")[0]?.trim();
  const mime = served && !served.startsWith("application/octet") ? served : opened.mime;
  let method = methodFor(mime, job.kind);
  if (size !== undefined && size > limits.upload) {
    (download?.stream as Readable | undefined)?.destroy();
    return sendAsLink(req, opened, size, caption);
  }
  // Photos above Telegram's photo limit still fit as a document, uncompressed.
  if (method === "photo" && size !== undefined && size > limits.uploadPhoto) method = "document";
  const keyboard = req.keyboardFor
    ? req.keyboardFor(index, method, last)
    : method === "photo"
      ? new InlineKeyboard().text(t("btn-original"), cb.original.pack({ id: String(job.id), index: String(index) }))
      : undefined;
  const options = { caption, parse_mode: "HTML" as const, reply_markup: keyboard };
  try {
    await send(api, method, job.chat_id, uploadOf(opened, download?.stream), options);
  } catch (error) {
    (download?.stream as Readable | undefined)?.destroy();
    const description = String((error as { description?: string }).description ?? (error as Error).message);
    if (!/too big|too large|entity too large/i.test(description) || opened.output.type !== "url") throw error;
    await sendAsLink(req, opened, size, caption);
  }
}

/**
 * The upload: bytes in hand, or a stream. A stream can be read once, so the file is a supplier that
 * hands out the stream already opened first and a fresh download for each retry (after a flood wait).
 */
function uploadOf(opened: OpenedOutput, stream: NodeJS.ReadableStream | undefined): InputFile {
  if (opened.output.type === "bytes") return new InputFile(opened.output.data, opened.filename);
  let first = stream;
  const supply = async () => {
    const next = first ?? (await opened.open?.())?.stream;
    first = undefined;
    if (!next) throw new Error("the result can no longer be downloaded");
    return next as unknown as AsyncIterable<Uint8Array>;
  };
  return new InputFile(supply, opened.filename);
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
  await req.api.sendMessage(req.job.chat_id, caption ? `${text}\n\n${caption}` : text, {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
}
