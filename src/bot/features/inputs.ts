import type { Message } from "grammy/types";
import type { ModelSpec } from "../../catalog/types.js";
import type { InputRef } from "../../generation/types.js";
import type { BotContext } from "../context.js";

/** `prompt+image?` → `prompt-image`: the suffix of the model's "what to send" texts in the locales. */
export function inputKey(model: ModelSpec): string {
  return model.input.replace(/\?/g, "").replace(/\+/g, "-");
}

/** Files the user sent earlier that wait for the rest of the request. */
export function pendingInputs(ctx: BotContext): InputRef[] {
  try {
    return ctx.account.pending_inputs ? (JSON.parse(ctx.account.pending_inputs) as InputRef[]) : [];
  } catch {
    return [];
  }
}

/** The file a message carries, as Telegram describes it; `undefined` for messages without one. */
export function inputOf(ctx: BotContext): InputRef | undefined {
  return ctx.message ? inputOfMessage(ctx.message) : undefined;
}

/** The file any message carries (one the user sent, a result the bot sent, a message replied to). */
export function inputOfMessage(m: Message): InputRef | undefined {
  const photo = m.photo?.at(-1);
  if (photo) return { fileId: photo.file_id, kind: "photo", mime: "image/jpeg", size: photo.file_size };
  if (m.voice)
    return {
      fileId: m.voice.file_id,
      kind: "voice",
      mime: m.voice.mime_type ?? "audio/ogg",
      size: m.voice.file_size,
      duration: m.voice.duration,
    };
  if (m.audio) {
    return {
      fileId: m.audio.file_id,
      kind: "audio",
      mime: m.audio.mime_type,
      fileName: m.audio.file_name,
      size: m.audio.file_size,
      duration: m.audio.duration,
    };
  }
  if (m.video_note)
    return {
      fileId: m.video_note.file_id,
      kind: "video_note",
      mime: "video/mp4",
      size: m.video_note.file_size,
      duration: m.video_note.duration,
    };
  if (m.video)
    return {
      fileId: m.video.file_id,
      kind: "video",
      mime: m.video.mime_type,
      fileName: m.video.file_name,
      size: m.video.file_size,
      duration: m.video.duration,
    };
  if (m.document) {
    return {
      fileId: m.document.file_id,
      kind: "document",
      mime: m.document.mime_type,
      fileName: m.document.file_name,
      size: m.document.file_size,
    };
  }
  return undefined;
}

export function isImage(ref: InputRef): boolean {
  return ref.kind === "photo" || (ref.kind === "document" && (ref.mime ?? "").startsWith("image/"));
}

export function isSound(ref: InputRef): boolean {
  if (ref.kind === "voice" || ref.kind === "audio" || ref.kind === "video_note" || ref.kind === "video") return true;
  return ref.kind === "document" && /^(audio|video)\//.test(ref.mime ?? "");
}
