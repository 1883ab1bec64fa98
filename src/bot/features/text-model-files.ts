import type { ModelSpec } from "../../catalog/types.js";
import { DOCUMENT_LIMITS, documentFormatOf } from "../../generation/document-text.js";
import type { InputRef } from "../../generation/types.js";
import { isImage } from "./inputs.js";

/** A document a text model reads as context (PDF, .txt, .md, .csv, .docx). */
export function isTextDocument(ref: InputRef): boolean {
  return ref.kind === "document" && documentFormatOf(ref.fileName, ref.mime) !== undefined;
}

/** The file a text model takes with the prompt: a picture for a vision model, or a document. */
export function readableBy(model: ModelSpec, ref: InputRef): boolean {
  return isTextDocument(ref) || (model.vision === true && isImage(ref));
}

/** A file kept for a text model by `onTextModelFile`, which the next text message asks about. */
export function pendingForTextModel(model: ModelSpec, pending: readonly InputRef[]): InputRef | undefined {
  const first = pending[0];
  return first && readableBy(model, first) ? first : undefined;
}

export function documentLimitArgs() {
  return { mb: DOCUMENT_LIMITS.bytes / 1024 / 1024, chars: DOCUMENT_LIMITS.chars.toLocaleString("en-US") };
}
