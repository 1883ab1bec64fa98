import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { z } from "zod";
import type { ProviderId } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import { createHttpClient, type HttpClient, type HttpRequest, type HttpResponse } from "./http.js";
import type { InputFile, PollResult } from "./types.js";

/** What every media adapter factory takes. */
export interface MediaAdapterConfig {
  apiKey: string;
  baseUrl: string;
  /** Injected so tests don't wait for real back-off. */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  maxRetries?: number;
}

/** Image generation and music can take minutes on a synchronous call. */
export const MEDIA_TIMEOUT_MS = 300_000;

/** Moderation words beyond the HTTP layer's: Midjourney's "banned prompt", Replicate's "sensitive (E005)". */
const MODERATION = /moderation|content[_ ]policy|safety|nsfw|flagged|sensitive|banned|prohibited|inappropriate/i;
const OUT_OF_CREDITS = /quota|credits|insufficient[_ ](balance|funds|credit)/i;

export function isModerationText(text: string | undefined): boolean {
  return text !== undefined && MODERATION.test(text);
}

/** A job that ended failed, with the upstream's own words; `code` is the upstream's error code, if any. */
export function failedJob(reason: string | undefined, code?: string): PollResult {
  const moderation = isModerationText(reason) || isModerationText(code);
  return moderation ? { status: "failed", reason, moderation: true } : { status: "failed", reason };
}

/**
 * An HTTP client whose errors are refined for media upstreams: moderation words in a 4xx make it a
 * moderation error, and ElevenLabs' 401 `quota_exceeded` is a billing problem, not a bad key.
 */
export function createMediaHttpClient(
  provider: ProviderId,
  config: MediaAdapterConfig,
  headers: Record<string, string>,
): HttpClient {
  const client = createHttpClient({
    provider,
    baseUrl: config.baseUrl,
    headers,
    timeoutMs: config.timeoutMs ?? MEDIA_TIMEOUT_MS,
    maxRetries: config.maxRetries,
    sleep: config.sleep,
  });
  const refine =
    <T>(work: (req: HttpRequest) => Promise<T>) =>
    async (req: HttpRequest) => {
      try {
        return await work(req);
      } catch (error) {
        throw refineError(error);
      }
    };
  return {
    ...client,
    send: refine(client.send),
    json: refine(client.json) as HttpClient["json"],
    bytes: refine(client.bytes),
  };
}

function refineError(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.status === undefined || error.status >= 500) return error;
  const words = error.reason ?? error.message;
  const remap = (kind: ProviderError["kind"]) =>
    new ProviderError(error.provider, kind, error.message, error.status, error.reason);
  if (error.kind !== "moderation" && isModerationText(words)) return remap("moderation");
  if (error.kind === "auth" && OUT_OF_CREDITS.test(words)) return remap("billing");
  return error;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts an upstream job. Only a 429 is retried: after a 5xx or a dropped connection the job may
 * already be running (and billed), so a blind repeat could start a second one.
 */
export async function startJob<T = unknown>(
  http: HttpClient,
  config: MediaAdapterConfig,
  req: HttpRequest,
): Promise<T> {
  const attempts = config.maxRetries ?? 2;
  const sleep = config.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await http.json<T>({ ...req, retry: false });
    } catch (error) {
      const busy = error instanceof ProviderError && error.status === 429 && error.kind === "rate_limited";
      if (!busy || attempt >= attempts || req.signal?.aborted) throw error;
      await sleep(Math.min(500 * 2 ** attempt, 8000));
    }
  }
}

export function unsupportedOperation(provider: ProviderId, operation: string): ProviderError {
  return new ProviderError(provider, "bad_request", `${provider} has no media operation "${operation}"`);
}

/** The path of `url` relative to `baseUrl`, when the URL is one of the provider's own (needs its credentials). */
export function pathUnderBase(baseUrl: string, url: string): string | undefined {
  const base = baseUrl.replace(/\/+$/, "");
  return url.startsWith(`${base}/`) ? url.slice(base.length) : undefined;
}

/** An undici response as a fetch `Response`, streamed: large videos are never held in memory here. */
export function toFetchResponse(response: HttpResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  const body = Readable.toWeb(response.body) as NodeReadableStream<Uint8Array>;
  return new Response(body as unknown as ReadableStream<Uint8Array>, { status: response.statusCode, headers });
}

const MIME_BY_EXT: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  flac: "audio/flac",
  m4a: "audio/mp4",
  aac: "audio/aac",
  txt: "text/plain",
};

/** A MIME type from a URL's or file name's extension, when it has a known one. */
export function mimeFromName(nameOrUrl: string): string | undefined {
  const path = nameOrUrl.split(/[?#]/)[0] ?? "";
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return path.includes(".") ? MIME_BY_EXT[ext] : undefined;
}

/** Extensions that speech-to-text APIs recognise; others are renamed by MIME type. */
const AUDIO_EXT_BY_MIME: Record<string, string> = {
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/m4a": "m4a",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/webm": "webm",
  "audio/flac": "flac",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "video/mpeg": "mpeg",
};
const AUDIO_EXTS = new Set(["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "ogg", "wav", "webm"]);

/**
 * A file name whose extension an audio API accepts: transcription APIs decide the format by it.
 * Telegram voice notes arrive as `.oga` (Ogg/Opus) and are sent as `.ogg`.
 */
export function audioUploadName(file: InputFile): string {
  const dot = file.filename.lastIndexOf(".");
  const stem = dot > 0 ? file.filename.slice(0, dot) : file.filename || "audio";
  const ext = dot > 0 ? file.filename.slice(dot + 1).toLowerCase() : "";
  if (AUDIO_EXTS.has(ext)) return file.filename;
  if (ext === "oga" || ext === "opus") return `${stem}.ogg`;
  return `${stem}.${AUDIO_EXT_BY_MIME[file.mime.toLowerCase()] ?? "ogg"}`;
}

/** The last percentage a job's logs mention (Replicate and LegNext report progress only there). */
export function percentFromLogs(logs: unknown): number | undefined {
  const text = typeof logs === "string" ? logs : Array.isArray(logs) ? logs.map(logLine).join("\n") : "";
  const all = [...text.matchAll(/(\d{1,3}(?:\.\d+)?)\s*%/g)];
  const last = all.at(-1)?.[1];
  if (last === undefined) return undefined;
  return Math.min(100, Math.round(Number(last)));
}

function logLine(entry: unknown): string {
  return typeof entry === "string" ? entry : JSON.stringify(entry);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Validates an upstream answer against its schema; a mismatch is the upstream's fault, not the user's. */
export function parseAnswer<S extends z.ZodType>(
  provider: ProviderId,
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badResponse(provider, `${what}: unexpected answer: ${JSON.stringify(value).slice(0, 200)}`);
}

export function badResponse(provider: ProviderId, what: string): ProviderError {
  return new ProviderError(provider, "bad_response", what);
}
