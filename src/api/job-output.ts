import { randomBytes } from "node:crypto";
import type { Clock } from "../clock.js";
import type { JobOutput, OpenedOutput } from "../generation/types.js";
import type { Logger } from "../logger.js";
import { bytesInput } from "../providers/input-file.js";
import type { InputFile } from "../providers/types.js";
import type { ApiFilesRepository } from "../storage/api-files-repository.js";
import type { JobEvents } from "./job-events.js";

/** How long a result stays downloadable. */
export const RESULT_TTL_MS = 24 * 3_600_000;
/** The largest result or input file held in memory. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export interface ApiJobOutputDeps {
  files: ApiFilesRepository;
  events: JobEvents;
  clock: Clock;
  logger: Logger;
}

/**
 * The API side of generation jobs: nothing is sent anywhere; results are stored under unguessable
 * tokens for 24 hours (upstream URLs expire, and must not leak), and a waiting request hears of them.
 */
export function createApiJobOutput(deps: ApiJobOutputDeps): JobOutput {
  const { files, events, clock, logger } = deps;
  return {
    async started() {
      return undefined;
    },

    async progress(job, info) {
      events.emit(job.id, { type: "progress", textSoFar: info.textSoFar });
    },

    async deliver(job, outputs) {
      const at = clock.now().getTime();
      const stored = [];
      for (const [position, opened] of outputs.entries()) {
        if (opened.output.type === "text") continue;
        const { data, mime } = await contentOf(opened);
        stored.push({
          token: randomBytes(32).toString("base64url"),
          position,
          mime,
          filename: opened.filename,
          data,
          expires_at: at + RESULT_TTL_MS,
          created_at: at,
        });
      }
      await files.putAll(job.id, stored);
      events.emit(job.id, { type: "delivered", outputs });
    },

    async failed(job, failure) {
      logger.info({ generation: job.id, failure: failure.kind }, "api job failed");
      events.emit(job.id, { type: "failed", failure });
    },

    /** An API job's input is the client's `input_url`, kept in the ref's `fileId`. */
    async fetchInput(ref): Promise<InputFile> {
      const response = await fetch(ref.fileId, { redirect: "follow", signal: AbortSignal.timeout(60_000) });
      if (!response.ok) throw new Error(`input_url answered HTTP ${response.status}`);
      const data = await readCapped(response.body, MAX_INPUT_BYTES);
      const name = new URL(ref.fileId).pathname.split("/").pop() || "input";
      const mime = response.headers.get("content-type")?.split(";")[0] ?? ref.mime ?? "application/octet-stream";
      // The client's URL is public: an upstream that takes URLs fetches it itself.
      return { ...bytesInput(data, name, mime), url: ref.fileId };
    },
  };
}

async function contentOf(opened: OpenedOutput): Promise<{ data: Buffer; mime: string }> {
  if (opened.output.type === "bytes") return { data: opened.output.data, mime: opened.mime };
  if (!opened.open) throw new Error("an output without content");
  const download = await opened.open();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of download.stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_FILE_BYTES) throw new Error("result too large to store");
    chunks.push(buffer);
  }
  // The name's type wins over a generic upstream content type (octet-stream from a CDN).
  const mime = opened.mime !== "application/octet-stream" ? opened.mime : (download.mime ?? opened.mime);
  return { data: Buffer.concat(chunks), mime };
}

async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new Error("input file too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
