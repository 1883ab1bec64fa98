import { randomBytes } from "node:crypto";
import { badRequest, TelegramApiError } from "./api-error.js";
import type { UploadedFile } from "./multipart.js";

export type FileKind = "photo" | "video" | "audio" | "voice" | "document" | "animation" | "video_note";

/** A file Telegram knows: uploaded bytes, or a URL the bot passed (never fetched, so no bytes). */
export interface StoredFile {
  kind: FileKind;
  file_id: string;
  file_unique_id: string;
  file_path: string;
  bytes?: Buffer;
  url?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
  width?: number;
  height?: number;
}

export interface FileStore {
  add(kind: FileKind, source: { bytes?: Buffer; url?: string; file_name?: string; mime_type?: string }): StoredFile;
  byId(fileId: string): StoredFile | undefined;
  byPath(filePath: string): StoredFile | undefined;
  /** Resolves a send method's file parameter: `attach://part`, a part named like the field, a URL or a file_id. */
  resolveInput(kind: FileKind, value: string | undefined, uploads: Map<string, UploadedFile>): StoredFile;
}

const MB = 1024 * 1024;
export const MAX_PHOTO_UPLOAD = 10 * MB;
export const MAX_FILE_UPLOAD = 50 * MB;
export const MAX_DOWNLOAD = 20 * MB;

const PREFIX: Record<FileKind, string> = {
  photo: "AgACAgIAAxkBAAI",
  video: "BAACAgIAAxkBAAI",
  audio: "CQACAgIAAxkBAAI",
  voice: "AwACAgIAAxkBAAI",
  document: "BQACAgIAAxkBAAI",
  animation: "CgACAgIAAxkBAAI",
  video_note: "DQACAgIAAxkBAAI",
};
const FOLDER: Record<FileKind, [string, string]> = {
  photo: ["photos", "jpg"],
  video: ["videos", "mp4"],
  audio: ["music", "mp3"],
  voice: ["voice", "oga"],
  document: ["documents", "dat"],
  animation: ["animations", "mp4"],
  video_note: ["video_notes", "mp4"],
};
const MIME: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  zip: "application/zip",
};

export function mimeFor(fileName: string | undefined): string | undefined {
  const ext = fileName?.split(".").pop()?.toLowerCase();
  return ext === undefined ? undefined : MIME[ext];
}

/** Width and height from a PNG or JPEG header; Telegram always reports some size, so fall back to 512². */
export function imageSize(bytes: Buffer | undefined): { width: number; height: number } {
  if (bytes !== undefined && bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes !== undefined && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let position = 2;
    while (position + 9 < bytes.length && bytes[position] === 0xff) {
      const marker = bytes[position + 1] ?? 0;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { width: bytes.readUInt16BE(position + 7), height: bytes.readUInt16BE(position + 5) };
      }
      position += 2 + bytes.readUInt16BE(position + 2);
    }
  }
  return { width: 512, height: 512 };
}

const KIND_NAME: Record<FileKind, string> = {
  photo: "photo",
  video: "video",
  audio: "audio",
  voice: "voice",
  document: "document",
  animation: "animation",
  video_note: "video note",
};

export function createFileStore(): FileStore {
  const byId = new Map<string, StoredFile>();
  const byPath = new Map<string, StoredFile>();
  let counter = 0;

  const add: FileStore["add"] = (kind, source) => {
    const [folder, defaultExt] = FOLDER[kind];
    // The server chooses file_path (`documents/file_12.pdf`): the user's name lends it at most a plain extension.
    const named = source.file_name?.includes(".") ? source.file_name.split(".").pop() : undefined;
    const ext = named !== undefined && /^[A-Za-z0-9]{1,10}$/.test(named) ? named : defaultExt;
    const file: StoredFile = {
      kind,
      file_id: PREFIX[kind] + randomBytes(36).toString("base64url"),
      file_unique_id: `AQAD${randomBytes(9).toString("base64url")}`,
      file_path: `${folder}/file_${counter++}.${ext}`,
      ...(source.bytes === undefined ? {} : { bytes: source.bytes, file_size: source.bytes.length }),
      ...(source.url === undefined ? {} : { url: source.url }),
      ...(source.file_name === undefined ? {} : { file_name: source.file_name }),
    };
    const mime = source.mime_type ?? mimeFor(source.file_name);
    if (mime !== undefined) file.mime_type = mime;
    if (kind === "photo" || kind === "video" || kind === "animation") Object.assign(file, imageSize(source.bytes));
    byId.set(file.file_id, file);
    byPath.set(file.file_path, file);
    return file;
  };

  const fromUpload = (kind: FileKind, upload: UploadedFile): StoredFile => {
    const size = upload.bytes.length;
    if (size === 0)
      throw badRequest("file must be non-empty", `uploaded ${KIND_NAME[kind]} "${upload.filename}" has 0 bytes`);
    if (kind === "photo" && size > MAX_PHOTO_UPLOAD) {
      throw badRequest("file is too big", `photo upload of ${size} bytes exceeds 10 MB; send it as a document`);
    }
    if (size > MAX_FILE_UPLOAD) {
      throw new TelegramApiError(413, "Request Entity Too Large", {
        hint: `${KIND_NAME[kind]} upload of ${size} bytes exceeds 50 MB`,
      });
    }
    const mime =
      upload.contentType !== undefined && upload.contentType !== "application/octet-stream"
        ? upload.contentType
        : undefined;
    return add(kind, {
      bytes: upload.bytes,
      file_name: upload.filename,
      ...(mime === undefined ? {} : { mime_type: mime }),
    });
  };

  return {
    add,
    byId: (fileId) => byId.get(fileId),
    byPath: (filePath) => byPath.get(filePath),
    resolveInput(kind, value, uploads) {
      const missing = `there is no ${KIND_NAME[kind]} in the request`;
      if (value === undefined || value === "") {
        const upload = uploads.get(kind);
        if (upload === undefined) throw badRequest(missing);
        return fromUpload(kind, upload);
      }
      if (value.startsWith("attach://")) {
        const upload = uploads.get(value.slice("attach://".length));
        if (upload === undefined) throw badRequest(missing, `no multipart part named "${value.slice(9)}"`);
        return fromUpload(kind, upload);
      }
      if (/^https?:\/\//i.test(value)) {
        const name = new URL(value).pathname.split("/").pop() || undefined;
        return add(kind, { url: value, ...(name === undefined ? {} : { file_name: name }) });
      }
      const known = byId.get(value);
      if (known === undefined) {
        throw badRequest(
          "wrong file identifier/HTTP URL specified",
          `unknown file_id ${JSON.stringify(value.slice(0, 60))}`,
        );
      }
      if (known.kind !== kind) {
        const title = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
        throw badRequest(
          `can't use file of type ${title(KIND_NAME[known.kind])} as ${title(KIND_NAME[kind])}`,
          `file_id of a ${known.kind}`,
        );
      }
      return known;
    },
  };
}
