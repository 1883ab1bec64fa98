import { type Dispatcher, request } from "undici";
import type { ProviderId } from "../catalog/types.js";
import { ProviderError, type ProviderFailureKind } from "./errors.js";

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
  form?: FormData;
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

/** Maps an HTTP failure to what it means for the user. */
export function classifyStatus(status: number, code = "", message = ""): ProviderFailureKind {
  const words = `${code} ${message}`;
  if (MODERATION.test(words)) return "moderation";
  if (status === 402 || (status === 429 && NO_MONEY.test(words))) return "billing";
  if (status === 401 || status === 403) return "auth";
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

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An HTTP client bound to one provider: base URL, auth headers, timeouts, retries, typed errors. */
export function createHttpClient(options: HttpClientOptions) {
  const { provider, baseUrl, headers, timeoutMs = 120_000, maxRetries = 2, sleep = realSleep } = options;

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const attempts = req.retry === false ? 0 : maxRetries;
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        const body = req.json !== undefined ? JSON.stringify(req.json) : req.form;
        response = await request(joinUrl(baseUrl, req.path), {
          method: req.method,
          headers: {
            ...headers,
            ...(req.json !== undefined ? { "content-type": "application/json" } : {}),
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

  return {
    send,
    async json<T = unknown>(req: HttpRequest): Promise<T> {
      const response = await send(req);
      const text = await response.body.text();
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ProviderError(provider, "bad_response", `${req.path}: not JSON: ${text.slice(0, 200)}`);
      }
    },
    async bytes(req: HttpRequest): Promise<{ data: Buffer; mime: string }> {
      const response = await send(req);
      const data = Buffer.from(await response.body.arrayBuffer());
      const mime = String(response.headers["content-type"] ?? "application/octet-stream");
      return { data, mime };
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

function parseJsonOr(text: string): unknown {
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
