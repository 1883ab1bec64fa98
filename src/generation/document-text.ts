import type { InputFile } from "../providers/types.js";

/**
 * What a text model takes from a file sent with the prompt: a picture (vision models) or a
 * document's text as context. The limits keep one request's context within what every text model
 * reads and what its flat price covers; both are stated to the user.
 */
export const DOCUMENT_LIMITS = { bytes: 2 * 1024 * 1024, chars: 100_000 } as const;

/** Pictures a vision model reads: Telegram photos are JPEGs, but a file may be any of these. */
const IMAGE_MIMES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
const IMAGE_BYTES = 10 * 1024 * 1024;

export type DocumentFormat = "pdf" | "docx" | "text";

const TEXT_EXTENSIONS = ["txt", "md", "markdown", "csv"];
const TEXT_MIMES = ["text/plain", "text/markdown", "text/csv", "text/x-markdown"];
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The document formats a text model reads, by the file's name or its type; `undefined` for others. */
export function documentFormatOf(fileName: string | undefined, mime: string | undefined): DocumentFormat | undefined {
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  const type = (mime ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
  if (extension === "pdf" || type === "application/pdf") return "pdf";
  if (extension === "docx" || type === DOCX_MIME) return "docx";
  if (TEXT_EXTENSIONS.includes(extension) || TEXT_MIMES.includes(type)) return "text";
  return undefined;
}

export function isVisionImage(mime: string | undefined): boolean {
  return (IMAGE_MIMES as readonly string[]).includes((mime ?? "").toLowerCase());
}

/** A document longer than `DOCUMENT_LIMITS.chars` once read: refused, and its hold released. */
export class DocumentTooLong extends Error {
  override readonly name = "DocumentTooLong";
  constructor(readonly chars: number) {
    super(`the document has ${chars} characters`);
  }
}

/** A file that is not what its name says (a broken PDF, a .docx that is no zip). */
export class DocumentUnreadable extends Error {
  override readonly name = "DocumentUnreadable";
}

async function readAll(file: InputFile, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of await file.open()) {
    total += chunk.length;
    // Telegram's size is what the user's client claimed; the bytes are what counts.
    if (total > limit) throw new DocumentTooLong(total);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A picture as the chat adapters send it (base64 with its type). */
export async function readImage(file: InputFile): Promise<{ mime: string; data: string }> {
  const bytes = await readAll(file, IMAGE_BYTES);
  return { mime: file.mime.toLowerCase(), data: bytes.toString("base64") };
}

/** The document's text, within the limits; throws `DocumentTooLong` past them. */
export async function readDocumentText(file: InputFile, format: DocumentFormat): Promise<string> {
  const bytes = await readAll(file, DOCUMENT_LIMITS.bytes);
  const text = (await extract(bytes, format)).replace(/\r\n/g, "\n").trim();
  if (text.length > DOCUMENT_LIMITS.chars) throw new DocumentTooLong(text.length);
  return text;
}

async function extract(bytes: Buffer, format: DocumentFormat): Promise<string> {
  try {
    if (format === "text") return new TextDecoder("utf-8").decode(bytes);
    if (format === "pdf") {
      // Loaded on first use: pdf.js is large and most requests carry no PDF.
      const { extractText, getDocumentProxy } = await import("unpdf");
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      return (await extractText(pdf, { mergePages: true })).text;
    }
    const mammoth = (await import("mammoth")).default;
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    throw new DocumentUnreadable(`the ${format} file could not be read`, { cause: error });
  }
}

/** The prompt a text model gets for a document: its text as context, then the user's question. */
export function promptWithDocument(fileName: string, text: string, question: string): string {
  return `The user sent the file "${fileName}". Its text:\n<document>\n${text}\n</document>\n\n${question}`;
}
