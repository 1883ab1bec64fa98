import type { IncomingMessage } from "node:http";
import { badRequest, TelegramApiError } from "./api-error.js";
import type { Params } from "./params.js";

/** A file part of a multipart request, keyed by its part name (grammY uses random ids + `attach://`). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string | undefined;
  bytes: Buffer;
}

export interface ParsedBody {
  params: Params;
  /** File parts by part name. */
  uploads: Map<string, UploadedFile>;
}

/** The Bot API refuses bodies beyond its 50 MB upload limit; a little slack covers multipart framing. */
const MAX_BODY_BYTES = 50 * 1024 * 1024 + 64 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(buffer);
  }
  if (tooLarge) {
    throw new TelegramApiError(413, "Request Entity Too Large", {
      hint: `request body of ${size} bytes exceeds the 50 MB upload limit`,
    });
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON, urlencoded or multipart body; query-string parameters are merged underneath. */
export function parseBody(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedBody {
  const params: Params = Object.fromEntries(query.entries());
  const uploads = new Map<string, UploadedFile>();
  const type = (contentType ?? "").toLowerCase();
  if (body.length === 0) return { params, uploads };
  if (type.includes("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON request body", body.toString("utf8").slice(0, 120));
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw badRequest("request body must be a JSON object");
    }
    return { params: { ...params, ...(json as Params) }, uploads };
  }
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) throw badRequest("multipart body without boundary");
    parseMultipart(body, value, params, uploads);
    return { params, uploads };
  }
  // application/x-www-form-urlencoded, or no content type at all
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) params[key] = value;
  return { params, uploads };
}

/**
 * Lenient multipart/form-data parser: header names are case-insensitive, `name:value` needs no space
 * after the colon and parameters may be unquoted (grammY sends `content-disposition:form-data;name="x";filename=y`).
 */
function parseMultipart(body: Buffer, boundary: string, params: Params, files: Map<string, UploadedFile>): void {
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw badRequest("malformed multipart body", "opening boundary not found");
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return; // closing "--"
    const lineEnd = body.indexOf("\n", position);
    if (lineEnd < 0) throw badRequest("malformed multipart body", "truncated after a boundary");
    const start = lineEnd + 1;
    const next = body.indexOf(Buffer.concat([Buffer.from("\n"), delimiter]), start);
    if (next < 0) throw badRequest("malformed multipart body", "closing boundary not found");
    const end = body[next - 1] === 0x0d ? next - 1 : next;
    addPart(body.subarray(start, end), params, files);
    position = next + 1;
  }
}

function addPart(part: Buffer, params: Params, files: Map<string, UploadedFile>): void {
  let headerEnd = part.indexOf("\r\n\r\n");
  let bodyStart = headerEnd + 4;
  if (headerEnd < 0) {
    headerEnd = part.indexOf("\n\n");
    bodyStart = headerEnd + 2;
  }
  if (headerEnd < 0) throw badRequest("malformed multipart body", "part without header terminator");
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, headerEnd).toString("utf8").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = parseDisposition(headers.get("content-disposition") ?? "");
  const name = disposition.get("name");
  if (name === undefined) throw badRequest("malformed multipart body", "part without a name");
  const content = part.subarray(bodyStart);
  const filename = disposition.get("filename*") ?? disposition.get("filename");
  if (filename === undefined) {
    params[name] = content.toString("utf8");
    return;
  }
  files.set(name, { field: name, filename, contentType: headers.get("content-type"), bytes: Buffer.from(content) });
}

function parseDisposition(header: string): Map<string, string> {
  const result = new Map<string, string>();
  const pattern = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of header.replace(/^[^;]*/, "").matchAll(pattern)) {
    const key = (match[1] ?? "").toLowerCase();
    let value = (match[2] ?? "").trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    if (key === "filename*") value = decodeURIComponent(value.replace(/^[^']*'[^']*'/, ""));
    result.set(key, value);
  }
  return result;
}
