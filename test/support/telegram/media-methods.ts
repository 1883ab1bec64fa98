import { badRequest } from "./api-error.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import type { FileKind, StoredFile } from "./file-store.js";
import { captionText } from "./formatted-text.js";
import { captionFields, markupFields, passThroughFields, replyFields } from "./message-helpers.js";
import { optBool, optInt, optString, type Params } from "./params.js";
import { parseReplyMarkup } from "./reply-markup.js";

/** Extra metadata a media object carries besides the file (durations, titles). */
export interface MediaMeta {
  duration?: number;
  performer?: string;
  title?: string;
  length?: number;
}

/** The Telegram-shaped field(s) a message gets for a file of this kind. */
export function mediaFields(file: StoredFile, meta: MediaMeta = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  if (file.file_size !== undefined) base.file_size = file.file_size;
  const named = {
    ...(file.file_name === undefined ? {} : { file_name: file.file_name }),
    ...(file.mime_type === undefined ? {} : { mime_type: file.mime_type }),
  };
  const duration = meta.duration ?? 0;
  const size = { width: file.width ?? 0, height: file.height ?? 0 };
  switch (file.kind) {
    case "photo":
      return { photo: [{ ...base, ...size }] };
    case "video":
      return { video: { ...base, ...size, duration, ...named } };
    case "animation": {
      const animation = { ...base, ...size, duration, ...named };
      return { animation, document: { ...base, ...named } };
    }
    case "audio":
      return {
        audio: {
          ...base,
          duration,
          ...(meta.performer === undefined ? {} : { performer: meta.performer }),
          ...(meta.title === undefined ? {} : { title: meta.title }),
          ...named,
        },
      };
    case "voice":
      return { voice: { ...base, duration, mime_type: file.mime_type ?? "audio/ogg" } };
    case "video_note":
      return { video_note: { ...base, length: meta.length ?? 240, duration } };
    case "document":
      return { document: { ...base, ...named } };
  }
}

const SEND_METHODS: Array<[string, FileKind]> = [
  ["sendPhoto", "photo"],
  ["sendVideo", "video"],
  ["sendAudio", "audio"],
  ["sendVoice", "voice"],
  ["sendDocument", "document"],
  ["sendAnimation", "animation"],
  ["sendVideoNote", "video_note"],
];

export function createMediaMethods(core: EmulatorCore): MethodTable {
  const { chats, files } = core;
  const table: MethodTable = {};
  for (const [method, kind] of SEND_METHODS) {
    table[method] = ({ params, uploads }) => {
      const chat = chats.resolve(params);
      const caption = kind === "video_note" ? undefined : captionText(params);
      const markup = parseReplyMarkup(params, "message");
      const reply = replyFields(chats, chat, params);
      const file = files.resolveInput(kind, optString(params, kind), uploads);
      const fields: Record<string, unknown> = {
        ...reply,
        ...mediaFields(file, metaFrom(params)),
        ...captionFields(caption),
        ...passThroughFields(params),
        ...markupFields(chat, markup),
      };
      if (optBool(params, "has_spoiler") === true) fields.has_media_spoiler = true;
      if (optBool(params, "show_caption_above_media") === true) fields.show_caption_above_media = true;
      return structuredClone(chats.add(chat, fields, { fromBot: true, kind, media: file }).message);
    };
  }
  return table;
}

function metaFrom(params: Params): MediaMeta {
  const meta: MediaMeta = {};
  const duration = optInt(params, "duration");
  if (duration !== undefined) {
    if (duration < 0) throw badRequest("duration must be non-negative");
    meta.duration = duration;
  }
  const performer = optString(params, "performer");
  if (performer !== undefined) meta.performer = performer;
  const title = optString(params, "title");
  if (title !== undefined) meta.title = title;
  const length = optInt(params, "length");
  if (length !== undefined) meta.length = length;
  return meta;
}
