import { describe, expect, it } from "vitest";
import { bytesInput } from "../../src/providers/input-file.js";
import { createMultipart } from "../../src/providers/multipart.js";
import type { InputFile } from "../../src/providers/types.js";

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A file of `total` bytes handed out in 64 KiB chunks, made as they are read: nothing holds it whole. */
function generatedFile(total: number): InputFile & { opened: () => number; largestChunk: () => number } {
  let opened = 0;
  let largest = 0;
  return {
    filename: "long.ogg",
    mime: "audio/ogg",
    size: total,
    opened: () => opened,
    largestChunk: () => largest,
    async open() {
      opened++;
      return (async function* () {
        for (let sent = 0; sent < total; sent += 65_536) {
          const chunk = Buffer.alloc(Math.min(65_536, total - sent), sent / 65_536);
          largest = Math.max(largest, chunk.length);
          yield chunk;
        }
      })();
    },
  };
}

describe("streamed multipart bodies", () => {
  it("is a form any server parses, with its exact length declared", async () => {
    const form = createMultipart();
    form.append("model", "whisper-1");
    form.append("file", bytesInput(Buffer.from("OggS voice"), "voice.ogg", "audio/ogg"));
    form.append("response_format", "text");
    form.set("response_format", "json");
    form.append("note", "é ✓");
    const body = await collect(form.stream());
    expect(form.length()).toBe(body.length);
    const parsed = await new Response(body, { headers: { "content-type": form.contentType } }).formData();
    expect(parsed.get("model")).toBe("whisper-1");
    expect(parsed.getAll("response_format")).toEqual(["json"]);
    expect(parsed.get("note")).toBe("é ✓");
    const file = parsed.get("file") as File;
    expect(file.name).toBe("voice.ogg");
    expect(file.type).toBe("audio/ogg");
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("OggS voice");
  });

  it("streams a file in its own chunks, opening it again for each attempt", async () => {
    const file = generatedFile(5 * 1024 * 1024);
    const form = createMultipart();
    form.append("file", file);
    let bytes = 0;
    for await (const chunk of form.stream()) bytes += chunk.length;
    expect(bytes).toBe(form.length());
    expect(file.largestChunk()).toBe(65_536);
    expect(file.opened()).toBe(1);
    expect((await collect(form.stream())).length).toBe(form.length());
    expect(file.opened()).toBe(2);
  });

  it("declares no length when a file's size is unknown (the body goes chunked)", () => {
    const form = createMultipart();
    form.append("file", { ...bytesInput(Buffer.from("x"), "x.bin", "application/octet-stream"), size: undefined });
    expect(form.length()).toBeUndefined();
  });
});
