import { describe, expect, it } from "vitest";
import {
  DocumentTooLong,
  DocumentUnreadable,
  documentFormatOf,
  readDocumentText,
} from "../../src/generation/document-text.js";
import { responsesContent } from "../../src/providers/chat-content.js";
import type { InputFile } from "../../src/providers/types.js";
import { minimalPdf } from "../support/documents.js";

function fileOf(bytes: Buffer, filename: string, mime: string): InputFile {
  return {
    filename,
    mime,
    size: bytes.length,
    open: async () =>
      (async function* () {
        yield bytes;
      })(),
  };
}

describe("documents for text models", () => {
  it("knows the formats by name or type", () => {
    expect(documentFormatOf("a.PDF", undefined)).toBe("pdf");
    expect(documentFormatOf("x", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "docx",
    );
    expect(documentFormatOf("table.csv", "application/octet-stream")).toBe("text");
    expect(documentFormatOf("notes", "text/markdown; charset=utf-8")).toBe("text");
    expect(documentFormatOf("song.mp3", "audio/mpeg")).toBeUndefined();
  });

  it("reads a PDF's text and refuses one past the character limit", async () => {
    expect(await readDocumentText(fileOf(minimalPdf("Hello from a PDF"), "a.pdf", "application/pdf"), "pdf")).toBe(
      "Hello from a PDF",
    );
    await expect(
      readDocumentText(fileOf(Buffer.alloc(100_001, "x"), "a.txt", "text/plain"), "text"),
    ).rejects.toBeInstanceOf(DocumentTooLong);
  });

  it("calls a file that is not what its name says unreadable", async () => {
    await expect(readDocumentText(fileOf(Buffer.from("not a zip"), "a.docx", ""), "docx")).rejects.toBeInstanceOf(
      DocumentUnreadable,
    );
  });

  it("writes images as Responses API input_image parts", () => {
    expect(responsesContent({ role: "user", content: "hi", images: [{ mime: "image/png", data: "AAA=" }] })).toEqual([
      { type: "input_text", text: "hi" },
      { type: "input_image", image_url: "data:image/png;base64,AAA=" },
    ]);
    expect(responsesContent({ role: "user", content: "plain" })).toBe("plain");
  });
});
