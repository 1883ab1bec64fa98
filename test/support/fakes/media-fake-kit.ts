import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ProviderRoute } from "../../../src/catalog/types.js";
import type { MediaProvider, PollResult } from "../../../src/providers/types.js";
import { type FakeRoute, type FakeServer, match, type RecordedRequest, sendJson } from "./fake-server.js";

/** A real 1x1 PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** An MP4 that starts like one: `ftyp` box (isom), then an empty `mdat`. */
export const MP4_SAMPLE = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypisom"),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from("isommp41"),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from("mdat"),
]);

/** An MP3: an empty ID3v2 tag, then one silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz: 417 bytes). */
export const MP3_SAMPLE = Buffer.concat([
  Buffer.from("ID3"),
  Buffer.from([3, 0, 0, 0, 0, 0, 0]),
  Buffer.from([0xff, 0xfb, 0x90, 0x64]),
  Buffer.alloc(413),
]);

/** How tests steer a provider fake. */
export interface MediaFakeControls {
  /** Jobs created from now on stay pending for `n` polls (reporting progress), then finish. Default 0. */
  pollsNeeded(n: number): void;
  /** The next API request (queued: call it twice for two) answers this status and body. */
  failNext(status: number, body: unknown, headers?: Record<string, string>): void;
  /** The next job ends failed with this reason (a synchronous endpoint answers the provider's error). */
  failJob(reason: string): void;
  /** The next generated file is this many bytes, streamed and never held in memory. */
  outputSize(bytes: number): void;
}

export type FakeJobState = "pending" | "done" | "failed" | "canceled";

export interface FakeJob {
  id: string;
  state: FakeJobState;
  /** 0–100 */
  progress: number;
  pollsLeft: number;
  pollsTotal: number;
  failReason?: string;
  outputSize?: number;
  /** Whatever the fake needs to answer later (the request, output URLs, …). */
  data: Record<string, unknown>;
}

/** The scripting state a fake shares between its routes. */
export interface MediaScript extends MediaFakeControls {
  /** Sends the queued `failNext` answer, if any; `true` when it did. */
  answerScriptedFailure(res: ServerResponse): boolean;
  /** A job, taking the current `pollsNeeded`, a pending `failJob` and `outputSize`. */
  newJob(id?: string): FakeJob;
  /** One poll of a job: counts down its pending polls, then settles it. */
  advance(job: FakeJob): FakeJob;
  /** Finishes a job now (done, or failed when it was scripted to). */
  settle(job: FakeJob): FakeJob;
  /** A pending `failJob` reason, for synchronous endpoints. */
  takeJobFailure(): string | undefined;
  takeOutputSize(): number | undefined;
}

export function createMediaScript(): MediaScript {
  let polls = 0;
  let jobFailure: string | undefined;
  let size: number | undefined;
  const failures: { status: number; body: unknown; headers: Record<string, string> }[] = [];
  const script: MediaScript = {
    pollsNeeded: (n) => {
      polls = n;
    },
    failNext: (status, body, headers = {}) => {
      failures.push({ status, body, headers });
    },
    failJob: (reason) => {
      jobFailure = reason;
    },
    outputSize: (bytes) => {
      size = bytes;
    },
    answerScriptedFailure(res) {
      const failure = failures.shift();
      if (!failure) return false;
      sendJson(res, failure.status, failure.body, failure.headers);
      return true;
    },
    newJob(id = randomUUID()) {
      const job: FakeJob = { id, state: "pending", progress: 0, pollsLeft: polls, pollsTotal: polls, data: {} };
      const failReason = script.takeJobFailure();
      const outputSize = script.takeOutputSize();
      if (failReason !== undefined) job.failReason = failReason;
      if (outputSize !== undefined) job.outputSize = outputSize;
      return job;
    },
    advance(job) {
      if (job.state !== "pending") return job;
      if (job.pollsLeft > 0) {
        job.pollsLeft--;
        job.progress = Math.round(((job.pollsTotal - job.pollsLeft) / (job.pollsTotal + 1)) * 100);
        return job;
      }
      return script.settle(job);
    },
    settle(job) {
      if (job.state === "pending") {
        job.state = job.failReason === undefined ? "done" : "failed";
        job.progress = 100;
      }
      return job;
    },
    takeJobFailure() {
      const reason = jobFailure;
      jobFailure = undefined;
      return reason;
    },
    takeOutputSize() {
      const bytes = size;
      size = undefined;
      return bytes;
    },
  };
  return script;
}

/** A generated file: small sample bytes, or `size` bytes starting with them, generated on the fly. */
export interface FakeFile {
  sample: Buffer;
  mime: string;
  size?: number;
}

/** Files a fake "generated", served without auth from `prefix` (like a CDN's signed URLs). */
export function createFileStore(prefix: string) {
  const files = new Map<string, FakeFile>();
  const route: FakeRoute = (req, res) => {
    const params = match(req, "GET", `${prefix}/:name`);
    if (!params) return false;
    const file = files.get(params.name ?? "");
    if (!file) sendJson(res, 404, { error: "file expired or not found" });
    else sendFile(res, file);
  };
  return {
    route,
    /** Stores a file; returns its absolute URL on the server that received `req`. */
    add(req: RecordedRequest, ext: string, file: FakeFile): string {
      const name = `${randomUUID()}.${ext}`;
      files.set(name, file);
      return `http://${req.headers.host}${prefix}/${name}`;
    },
  };
}

export function sendFile(res: ServerResponse, file: FakeFile): void {
  const size = file.size ?? file.sample.length;
  res.writeHead(200, { "content-type": file.mime, "content-length": String(size) });
  if (file.size === undefined) res.end(file.sample);
  else generated(file.sample, size).pipe(res);
}

/** `size` bytes: the sample's magic numbers, then zeros, in 64 KiB chunks as the reader asks for them. */
function generated(head: Buffer, size: number): Readable {
  const zeros = Buffer.alloc(64 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const piece = (sent === 0 ? Buffer.concat([head, zeros]) : zeros).subarray(0, size - sent);
      sent += piece.length;
      this.push(piece);
    },
  });
}

/**
 * A route from a handler that may return anything: `false` passes the request on to the next route
 * unless the handler already answered it.
 */
export function route(handle: (req: RecordedRequest, res: ServerResponse) => unknown): FakeRoute {
  return async (req, res) => ((await handle(req, res)) === false && !res.headersSent ? false : undefined);
}

/** A multipart body, parsed as the real APIs would. */
export async function parseMultipart(req: RecordedRequest): Promise<FormData | undefined> {
  const type = String(req.headers["content-type"] ?? "");
  if (!type.startsWith("multipart/form-data")) return undefined;
  return new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData();
}

export function jsonBody(req: RecordedRequest): Record<string, unknown> | undefined {
  const body = req.json;
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** A file part of a multipart form, when the part is a file. */
export function filePart(form: FormData, name: string): File | undefined {
  const part = form.get(name);
  return typeof part === "object" && part !== null ? (part as File) : undefined;
}

/** A running fake: the server, its base URL for `*_BASE_URL`, and its scripting controls. */
export type RunningMediaFake<Extra = object> = FakeServer & MediaFakeControls & Extra & { baseUrl: string };

export function withControls<Extra extends object>(
  server: FakeServer,
  script: MediaScript,
  basePath: string,
  extra: Extra,
): RunningMediaFake<Extra> {
  return {
    ...server,
    ...extra,
    baseUrl: `${server.url}${basePath}`,
    pollsNeeded: script.pollsNeeded,
    failNext: script.failNext,
    failJob: script.failJob,
    outputSize: script.outputSize,
  };
}

export function isModerationReason(reason: string): boolean {
  return /moderation|nsfw|sensitive|safety|banned|flagged|policy/i.test(reason);
}

/** Polls a job until it leaves `pending`; returns every answer, the last one settled. */
export async function pollToEnd(
  provider: MediaProvider,
  route: ProviderRoute,
  jobId: string,
  maxPolls = 20,
): Promise<PollResult[]> {
  const seen: PollResult[] = [];
  for (let i = 0; i < maxPolls; i++) {
    const result = await provider.poll(route, jobId);
    seen.push(result);
    if (result.status !== "pending") return seen;
  }
  throw new Error(`job ${jobId} still pending after ${maxPolls} polls`);
}

/** Reads a response body to the end, counting bytes without keeping them. */
export async function countBytes(body: ReadableStream<Uint8Array> | null): Promise<{ bytes: number; head: Buffer }> {
  let bytes = 0;
  let head = Buffer.alloc(0);
  if (!body) return { bytes, head };
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes, head };
    if (head.length < 16) head = Buffer.concat([head, Buffer.from(value)]).subarray(0, 16);
    bytes += value.length;
  }
}
