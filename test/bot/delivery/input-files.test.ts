import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createInputFetcher, InputTooLarge } from "../../../src/bot/delivery/input-files.js";
import { fileLimits } from "../../../src/bot/delivery/limits.js";

const TOKEN = "123456:SECRET-token";
const SIZE = 6 * 1024 * 1024;

/** A Bot API file endpoint that makes the file as it sends it, counting what was served. */
async function fileServer() {
  const served = { requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    served.requests.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(SIZE) });
    let sent = 0;
    const pump = () => {
      while (sent < SIZE) {
        const chunk = Buffer.alloc(Math.min(65_536, SIZE - sent), 7);
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, served, close: () => new Promise((r) => server.close(r)) };
}

const getFile = (file_path: string) => ({
  getFile: async (file_id: string) => ({ file_id, file_unique_id: "u", file_size: SIZE, file_path }),
});

describe("input files", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("hands the upstream a stream of the download, not the bytes, and keeps the token out of the file", async () => {
    const server = await fileServer();
    cleanups.push(server.close);
    const fetchInput = createInputFetcher(
      { api: getFile("voice/file_3.oga"), botToken: TOKEN, apiRoot: server.apiRoot, localApiServer: false },
      fileLimits(false),
    );
    const file = await fetchInput({ fileId: "f1", kind: "voice", mime: "audio/ogg" });
    // Nothing is downloaded until an upstream reads it.
    expect(server.served.requests).toEqual([]);
    expect(file).toMatchObject({ filename: "file_3.oga", mime: "audio/ogg", size: SIZE });
    expect("data" in file).toBe(false);
    expect(file.url).toBeUndefined();
    expect(JSON.stringify(file)).not.toContain("SECRET");

    const stream = await file.open();
    expect(Buffer.isBuffer(stream)).toBe(false);
    let total = 0;
    let chunks = 0;
    let largest = 0;
    for await (const chunk of stream) {
      total += chunk.length;
      chunks++;
      largest = Math.max(largest, chunk.length);
    }
    expect(total).toBe(SIZE);
    // It came in pieces far smaller than the file: at no point was the whole file one buffer.
    expect(chunks).toBeGreaterThan(10);
    expect(largest).toBeLessThan(SIZE / 4);
    expect(server.served.requests).toEqual([`/file/bot${TOKEN}/voice/file_3.oga`]);
  });

  it("percent-encodes each segment of a file_path that holds URL metacharacters", async () => {
    const server = await fileServer();
    cleanups.push(server.close);
    // file_path is the server's to choose: whatever it holds, the download must ask for exactly that path.
    const filePath = "documents/a b#1?x=2&y+z%zz;é.pdf";
    const fetchInput = createInputFetcher(
      { api: getFile(filePath), botToken: TOKEN, apiRoot: server.apiRoot, localApiServer: false },
      fileLimits(false),
    );
    const file = await fetchInput({ fileId: "f3", kind: "document" });
    expect(file.filename).toBe("a b#1?x=2&y+z%zz;é.pdf");
    for await (const _ of await file.open());
    const [requested] = server.served.requests;
    expect(requested).toBe(`/file/bot${TOKEN}/documents/a%20b%231%3Fx%3D2%26y%2Bz%25zz%3B%C3%A9.pdf`);
    const segments = (requested ?? "").split("/").slice(3).map(decodeURIComponent);
    expect(segments.join("/")).toBe(filePath);
  });

  it("reads a local Bot API server's file_path from disk, without any download", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bot-api-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, "voice", "file_9.oga");
    await mkdir(join(dir, "voice"));
    await writeFile(path, "OggS from disk");
    const fetchInput = createInputFetcher(
      // An apiRoot nothing listens on: a download attempt would fail the test.
      { api: getFile(path), botToken: TOKEN, apiRoot: "http://127.0.0.1:9", localApiServer: true },
      fileLimits(true),
    );
    const file = await fetchInput({ fileId: "f2", kind: "voice" });
    expect(file.size).toBe("OggS from disk".length);
    const parts: Buffer[] = [];
    for await (const chunk of await file.open()) parts.push(Buffer.from(chunk));
    expect(Buffer.concat(parts).toString()).toBe("OggS from disk");
  });

  it("refuses a file over the download limit before asking Telegram for it", async () => {
    let asked = false;
    const fetchInput = createInputFetcher(
      {
        api: {
          getFile: async () => {
            asked = true;
            return { file_id: "x", file_unique_id: "u" };
          },
        },
        botToken: TOKEN,
        apiRoot: "http://127.0.0.1:9",
        localApiServer: false,
      },
      fileLimits(false),
    );
    await expect(fetchInput({ fileId: "x", kind: "video", size: 25 * 1024 * 1024 })).rejects.toBeInstanceOf(
      InputTooLarge,
    );
    expect(asked).toBe(false);
  });
});
