import { Readable } from "node:stream";
import { type Dispatcher, request } from "undici";
import type { ProviderId } from "../catalog/types.js";
import { providerErrors, providerLatency } from "../metrics.js";
import { ProviderError, type ProviderFailureKind } from "./errors.js";
import type { Multipart } from "./multipart.js";

export interface HttpClientOptions {
  provider: ProviderId;
  baseUrl: string;
  headers: Record<string, string>;
  /** Time to wait for response headers and between body chunks. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Injected so tests don't wait for real back-off. */
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  json?: unknown;
  /** A multipart body, streamed (and streamed again on a retry). */
  form?: Multipart;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A call that is not safe to repeat (e.g. it started a paid job) can opt out of retries. */
  retry?: boolean;
  timeoutMs?: number;
}

export type HttpResponse = Dispatcher.ResponseData;

const RETRYABLE = new Set([408, 409, 429]);
const MAX_RETRY_AFTER_MS = 60_000;

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + (path.startsWith("/") ? path : `/${path}`);
}

/** Upstream error text, from any of the shapes providers use. */
export function errorMessageOf(body: unknown): { message?: string; code?: string } {
  if (typeof body === "string") return { message: body };
  if (Array.isArray(body)) return errorMessageOf(body[0]);
  if (!body || typeof body !== "object") return {};
  const record = body as Record<string, unknown>;
  const inner = record.error ?? record.detail;
  if (typeof inner === "string") return { message: inner, code: stringOrUndefined(record.code) };
  if (inner && typeof inner === "object") {
    const e = inner as Record<string, unknown>;
    return {
      message: stringOrUndefined(e.message) ?? stringOrUndefined(e.msg),
      code: stringOrUndefined(e.code) ?? stringOrUndefined(e.type) ?? stringOrUndefined(e.status),
    };
  }
  return { message: stringOrUndefined(record.message), code: stringOrUndefined(record.code) };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

const MODERATION = /moderation|content[_ ]policy|safety|nsfw|flagged/i;
const NO_MONEY = /insufficient_quota|billing|insufficient_balance|quota_exceeded|credit/i;
const BAD_KEY = /api[ _-]?key/i;

/** Error codes seen inside a 200 response (stream error events), as the HTTP status they stand for. */
const STATUS_OF_CODE = new Map<string, number>([
  ["overloaded_error", 529],
  ["rate_limit_error", 429],
  ["rate_limit_exceeded", 429],
  ["insufficient_quota", 429],
  ["billing_error", 402],
  ["authentication_error", 401],
  ["invalid_api_key", 401],
  ["permission_error", 403],
  ["not_found_error", 404],
  ["request_too_large", 413],
  ["invalid_request_error", 400],
  ["timeout_error", 504],
  ["api_error", 500],
  ["server_error", 500],
]);

/** The error an upstream sent after it had already answered 200 (an SSE `error` event or `error` key). */
export function streamError(provider: ProviderId, body: unknown): ProviderError {
  const { message, code } = errorMessageOf(body);
  const numeric = numericCodeOf(body);
  const status = (code !== undefined ? STATUS_OF_CODE.get(code) : undefined) ?? numeric ?? 500;
  const kind = classifyStatus(status, code, message);
  return new ProviderError(
    provider,
    kind,
    `stream error: ${code ?? status}: ${message ?? "no message"}`,
    undefined,
    message,
  );
}

/** OpenRouter-style `{"error":{"code":502,...}}`: the code is an HTTP status. */
function numericCodeOf(body: unknown): number | undefined {
  const inner = (body as { error?: { code?: unknown } } | undefined)?.error;
  const code = inner && typeof inner === "object" ? inner.code : undefined;
  return typeof code === "number" && code >= 400 && code < 600 ? code : undefined;
}

/** Maps an HTTP failure to what it means for the user. */
export function classifyStatus(status: number, code = "", message = ""): ProviderFailureKind {
  const words = `${code} ${message}`;
  if (MODERATION.test(words)) return "moderation";
  // Anthropic reports a low credit balance as a 400 invalid_request_error.
  if (status === 402 || ((status === 429 || status === 400) && NO_MONEY.test(words))) return "billing";
  if (status === 401 || status === 403) return "auth";
  // Gemini and xAI answer a bad key with 400 ("API key not valid", "Incorrect API key provided").
  if (status === 400 && BAD_KEY.test(words)) return "auth";
  if (status === 429) return "rate_limited";
  if (status === 408 || status === 504) return "timeout";
  if (status === 529 || status === 503) return "overloaded";
  if (status >= 500) return "unavailable";
  if (status === 404) return "unavailable";
  return "bad_request";
}

function shouldRetry(status: number, headers: Record<string, unknown>, kind: ProviderFailureKind): boolean {
  const flag = headers["x-should-retry"];
  if (flag === "true") return true;
  if (flag === "false") return false;
  if (kind === "billing" || kind === "moderation") return false;
  return RETRYABLE.has(status) || status >= 500;
}

/** Delay before retry `attempt` (0-based), as the official SDKs compute it. */
export function retryDelayMs(headers: Record<string, unknown>, attempt: number, now = Date.now()): number {
  const ms = Number(headers["retry-after-ms"]);
  if (Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS) return ms;
  const after = headers["retry-after"];
  if (typeof after === "string" && after !== "") {
    const seconds = Number(after);
    const fromHeader = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - now;
    if (Number.isFinite(fromHeader) && fromHeader >= 0 && fromHeader <= MAX_RETRY_AFTER_MS) return fromHeader;
  }
  const base = Math.min(500 * 2 ** attempt, 8000);
  return base * (1 - Math.random() * 0.25);
}

function formHeaders(form: Multipart): Record<string, string> {
  const length = form.length();
  return {
    "content-type": form.contentType,
    ...(length === undefined ? {} : { "content-length": String(length) }),
  };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An HTTP client bound to one provider: base URL, auth headers, timeouts, retries, typed errors. */
export function createHttpClient(options: HttpClientOptions) {
  const { provider, baseUrl, headers, timeoutMs = 120_000, maxRetries = 2, sleep = realSleep } = options;

  /** Every request is timed and its failure counted for `/metrics`, retries included in the time. */
  async function send(req: HttpRequest): Promise<HttpResponse> {
    const done = providerLatency.startTimer({ provider });
    try {
      return await sendWithRetries(req);
    } catch (error) {
      if (error instanceof ProviderError) providerErrors.inc({ provider, kind: error.kind });
      else if (!req.signal?.aborted) providerErrors.inc({ provider, kind: "internal" });
      throw error;
    } finally {
      done();
    }
  }

  async function sendWithRetries(req: HttpRequest): Promise<HttpResponse> {
    const attempts = req.retry === false ? 0 : maxRetries;
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        const body = req.json !== undefined ? JSON.stringify(req.json) : req.form && Readable.from(req.form.stream());
        response = await request(joinUrl(baseUrl, req.path), {
          method: req.method,
          headers: {
            ...headers,
            ...(req.json !== undefined ? { "content-type": "application/json" } : {}),
            ...(req.form ? formHeaders(req.form) : {}),
            ...req.headers,
          },
          body: body as never,
          signal: req.signal,
          headersTimeout: req.timeoutMs ?? timeoutMs,
          bodyTimeout: req.timeoutMs ?? timeoutMs,
        });
      } catch (error) {
        if (req.signal?.aborted) throw error;
        const kind = isTimeout(error) ? "timeout" : "network";
        if (attempt < attempts) {
          await sleep(retryDelayMs({}, attempt));
          continue;
        }
        throw new ProviderError(provider, kind, `${req.method} ${req.path}: ${(error as Error).message}`);
      }
      if (response.statusCode < 400) return response;

      const text = await response.body.text().catch(() => "");
      const parsed = parseJsonOr(text);
      const { message, code } = errorMessageOf(parsed);
      const kind = classifyStatus(response.statusCode, code, message);
      if (attempt < attempts && shouldRetry(response.statusCode, response.headers, kind)) {
        await sleep(retryDelayMs(response.headers, attempt));
        continue;
      }
      throw new ProviderError(
        provider,
        kind,
        `${req.method} ${req.path} → ${response.statusCode}: ${message ?? text.slice(0, 200)}`,
        response.statusCode,
        message,
      );
    }
  }

  const readBody = async <T>(req: HttpRequest, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw bodyError(provider, req, error);
    }
  };

  return {
    send,
    async json<T = unknown>(req: HttpRequest): Promise<T> {
      const response = await send(req);
      const text = await readBody(req, () => response.body.text());
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ProviderError(provider, "bad_response", `${req.path}: not JSON: ${text.slice(0, 200)}`);
      }
    },
    async bytes(req: HttpRequest): Promise<{ data: Buffer; mime: string }> {
      const response = await send(req);
      const data = Buffer.from(await readBody(req, () => response.body.arrayBuffer()));
      const mime = String(response.headers["content-type"] ?? "application/octet-stream");
      return { data, mime };
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/**
 * Sends a request (retried like `send` until the headers arrive) and hands back the body as
 * chunks; the client's timeout then bounds the gap between chunks, and a timeout or reset
 * mid-body becomes a ProviderError. Stopping the iteration early destroys the body.
 */
export async function openStream(
  http: Pick<HttpClient, "send">,
  provider: ProviderId,
  req: HttpRequest,
): Promise<{ contentType: string; chunks: AsyncIterable<Uint8Array> }> {
  const response = await http.send(req);
  const contentType = String(response.headers["content-type"] ?? "");
  return { contentType, chunks: guardedChunks(provider, req, response) };
}

async function* guardedChunks(
  provider: ProviderId,
  req: HttpRequest,
  response: HttpResponse,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of response.body) yield chunk as Uint8Array;
  } catch (error) {
    throw bodyError(provider, req, error);
  }
}

/** A timeout or reset while a body is read, as a ProviderError (the caller's own abort passes through). */
function bodyError(provider: ProviderId, req: HttpRequest, error: unknown): unknown {
  if (req.signal?.aborted || error instanceof ProviderError) return error;
  const kind = isTimeout(error) ? "timeout" : "network";
  return new ProviderError(provider, kind, `${req.method} ${req.path}: body: ${(error as Error).message}`);
}

/** The parsed JSON, or the text itself when it is not JSON (error bodies can be either). */
export function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? "";
  return code.includes("TIMEOUT") || (error as Error)?.name === "TimeoutError";
}
