import { randomBytes } from "node:crypto";
import type { ParamValue } from "../catalog/types.js";
import type { InputFile } from "./types.js";

type Part = { name: string; value: string } | { name: string; file: InputFile; filename: string };

/**
 * A multipart/form-data body whose files are streamed from their source as the request is sent,
 * so an upload never holds a whole file in memory. Its length is declared when every file's size
 * is known; otherwise it goes chunked. `stream()` starts over on each call (a retried request).
 */
export interface Multipart {
  append(name: string, value: string): void;
  append(name: string, file: InputFile, filename?: string): void;
  /** Replaces every field of that name with one value. */
  set(name: string, value: string): void;
  readonly contentType: string;
  /** The body's length in bytes, when every file's size is known. */
  length(): number | undefined;
  stream(): AsyncIterable<Uint8Array>;
}

/** A name or file name inside a Content-Disposition header, escaped as browsers do. */
const quoted = (text: string) => text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

export function createMultipart(): Multipart {
  const boundary = `----aggregator${randomBytes(12).toString("hex")}`;
  let parts: Part[] = [];
  const head = (part: Part) =>
    Buffer.from(
      "file" in part
        ? `--${boundary}\r\ncontent-disposition: form-data; name="${quoted(part.name)}"; filename="${quoted(part.filename)}"\r\ncontent-type: ${part.file.mime}\r\n\r\n`
        : `--${boundary}\r\ncontent-disposition: form-data; name="${quoted(part.name)}"\r\n\r\n`,
    );
  const CRLF = Buffer.from("\r\n");
  const tail = () => Buffer.from(`--${boundary}--\r\n`);

  return {
    append(name: string, value: string | InputFile, filename?: string) {
      parts.push(
        typeof value === "string" ? { name, value } : { name, file: value, filename: filename ?? value.filename },
      );
    },
    set(name, value) {
      parts = parts.filter((part) => part.name !== name);
      parts.push({ name, value });
    },
    contentType: `multipart/form-data; boundary=${boundary}`,
    length() {
      let total = tail().length;
      for (const part of parts) {
        total += head(part).length + CRLF.length;
        if (!("file" in part)) total += Buffer.byteLength(part.value);
        else if (part.file.size === undefined) return undefined;
        else total += part.file.size;
      }
      return total;
    },
    async *stream() {
      for (const part of parts) {
        yield head(part);
        if ("file" in part) yield* await part.file.open();
        else yield Buffer.from(part.value);
        yield CRLF;
      }
      yield tail();
    },
  };
}

/** Appends fields to a multipart form; numbers and booleans go as their text. */
export function appendFields(form: Multipart, fields: Record<string, ParamValue>): void {
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
}
