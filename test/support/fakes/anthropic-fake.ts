import type { ServerResponse } from "node:http";
import {
  type FakeRoute,
  type FakeServer,
  match,
  type RecordedRequest,
  sendJson,
  startFakeServer,
} from "./fake-server.js";
import { controlOf, createListing, type Listing, type ListingControl } from "./listing.js";
import {
  countWords,
  lastUserText,
  type NextScript,
  pieces,
  sendError,
  sendSse,
  textOf,
  waitOrClose,
} from "./openai-fake.js";
import { ANTHROPIC_MODELS } from "./served-models.js";

/**
 * A loopback fake of Anthropic's Messages API: `POST /v1/messages` with `x-api-key` and
 * `anthropic-version` checks, the API's validation errors, and named-event SSE streams.
 */
export interface AnthropicFakeOptions {
  apiKey?: string;
  extraRoutes?: FakeRoute[];
  /** Write stream bodies in slices of this many bytes. */
  chunkBytes?: number;
  /** Stream a thinking block before the text even when the request did not enable thinking. */
  thinking?: boolean;
  /** The model ids served and accepted; default Anthropic's real list (served-models.ts). */
  models?: readonly string[];
}

export interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: { role: string; content: unknown }[];
  system?: unknown;
  stream?: boolean;
  thinking?: { type: string };
  [field: string]: unknown;
}

export interface AnthropicFake extends FakeServer {
  /** What to set as `ANTHROPIC_BASE_URL` (no `/v1`: the SDK appends `/v1/messages`). */
  baseUrl: string;
  apiKey: string;
  /** `GET /v1/models` and the ids `POST /v1/messages` accepts (see listing.ts). */
  listing: ListingControl;
  reply(text: string): void;
  replyWith(answer: (body: MessagesBody) => string): void;
  /** Answer JSON even when `stream: true` was asked for. */
  ignoreStream(on?: boolean): void;
  // Each of the following scripts one request, in the order they are called.
  /** Fails the next request; `body` defaults to Anthropic's error body for `status` (529 → overloaded_error). */
  failNext(status: number, body?: unknown, headers?: Record<string, string>): void;
  /** 200, a little text, then `event: error` (default `overloaded_error`). */
  streamErrorNext(script?: { error?: unknown; afterText?: string }): void;
  delayNext(ms: number, where?: "headers" | "body"): void;
  messagesBodies(): MessagesBody[];
}

export function anthropicError(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: "req_fake" };
}

const ERROR_OF_STATUS: Record<number, [string, string]> = {
  400: ["invalid_request_error", "Invalid request."],
  401: ["authentication_error", "invalid x-api-key"],
  402: ["billing_error", "Your credit balance is too low to access the Anthropic API."],
  403: ["permission_error", "Your API key does not have permission to use the specified resource."],
  404: ["not_found_error", "The requested resource could not be found."],
  413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
  429: ["rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."],
  500: ["api_error", "Internal server error"],
  504: ["timeout_error", "Request timeout"],
  529: ["overloaded_error", "Overloaded"],
};

export function defaultAnthropicError(status: number) {
  const [type, message] = ERROR_OF_STATUS[status] ??
    ERROR_OF_STATUS[status >= 500 ? 500 : 400] ?? ["api_error", "error"];
  return anthropicError(type, message);
}

export async function startAnthropicFake(options: AnthropicFakeOptions = {}): Promise<AnthropicFake> {
  const apiKey = options.apiKey ?? "test-anthropic-key";
  const script: NextScript[] = [];
  const scriptOf = new WeakMap<RecordedRequest, NextScript>();
  let answer = (body: MessagesBody) => `Echo from ${body.model}: ${lastUserText(body.messages)}`;
  let jsonOnly = false;
  let ids = 0;
  const listing = createListing(options.models ?? ANTHROPIC_MODELS);

  const gate: FakeRoute = async (req, res) => {
    const key = req.headers["x-api-key"];
    if (key === undefined)
      return void sendJson(res, 401, anthropicError("authentication_error", "x-api-key header is required"));
    if (key !== apiKey) return void sendJson(res, 401, anthropicError("authentication_error", "invalid x-api-key"));
    if (req.headers["anthropic-version"] === undefined) {
      return void sendJson(res, 400, anthropicError("invalid_request_error", "anthropic-version: header is required"));
    }
    // The listing answers before scripted failures, so a health check never takes a test's scripted reply.
    if (serveListing(listing, req, res)) return;
    const next = script.shift();
    if (!next) return false;
    scriptOf.set(req, next);
    if (next.type === "fail")
      return void sendError(res, next.status, next.body ?? defaultAnthropicError(next.status), next.headers);
    if (next.type === "delay" && next.where === "headers") await waitOrClose(next.ms, res);
    return false;
  };

  const messages: FakeRoute = async (req, res) => {
    if (!match(req, "POST", "/v1/messages")) return false;
    const invalid = validate(req);
    if (invalid) return void sendJson(res, 400, anthropicError("invalid_request_error", invalid));
    const body = req.json as MessagesBody;
    if (!listing.has(body.model))
      return void sendJson(res, 404, anthropicError("not_found_error", `model: ${body.model}`));
    const id = `msg_fake${++ids}`;
    const text = answer(body);
    const inputTokens =
      countWords(textOf(body.system)) + body.messages.reduce((n, m) => n + countWords(textOf(m.content)), 0);
    const outputTokens = countWords(text);
    const next = scriptOf.get(req);
    const stallMs = next?.type === "delay" && next.where === "body" ? next.ms : undefined;
    const headers = { "request-id": `req_${id}` };

    if (!body.stream || jsonOnly) {
      if (stallMs) await waitOrClose(stallMs, res);
      return void sendJson(
        res,
        200,
        {
          id,
          type: "message",
          role: "assistant",
          model: body.model,
          content: [{ type: "text", text }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: inputTokens, output_tokens: outputTokens },
        },
        headers,
      );
    }

    const frames = [
      event("message_start", {
        type: "message_start",
        message: {
          id,
          type: "message",
          role: "assistant",
          model: body.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: inputTokens, output_tokens: 1 },
        },
      }),
    ];
    let index = 0;
    if (options.thinking || body.thinking?.type === "enabled") {
      frames.push(
        event("content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "thinking", thinking: "", signature: "" },
        }),
        event("content_block_delta", {
          type: "content_block_delta",
          index,
          delta: { type: "thinking_delta", thinking: "Let me think." },
        }),
        event("content_block_delta", {
          type: "content_block_delta",
          index,
          delta: { type: "signature_delta", signature: "c2ln" },
        }),
        event("content_block_stop", { type: "content_block_stop", index }),
      );
      index++;
    }
    frames.push(
      event("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } }),
      event("ping", { type: "ping" }),
    );
    const delta = (piece: string) =>
      event("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } });

    if (next?.type === "stream-error") {
      const before = next.afterText ?? pieces(text)[0] ?? "";
      if (before) frames.push(delta(before));
      frames.push(event("error", next.error ?? anthropicError("overloaded_error", "Overloaded")));
      return void (await sendSse(res, frames, { chunkBytes: options.chunkBytes, headers }));
    }
    for (const piece of pieces(text)) frames.push(delta(piece));
    frames.push(
      event("content_block_stop", { type: "content_block_stop", index }),
      event("message_delta", {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
      event("message_stop", { type: "message_stop" }),
    );
    await sendSse(res, frames, { chunkBytes: options.chunkBytes, stallMs, headers });
  };

  const server = await startFakeServer([gate, messages, ...(options.extraRoutes ?? [])]);
  return {
    ...server,
    baseUrl: server.url,
    apiKey,
    listing: controlOf(listing),
    reply: (text) => {
      answer = () => text;
    },
    replyWith: (fn) => {
      answer = fn;
    },
    ignoreStream: (on = true) => {
      jsonOnly = on;
    },
    failNext: (status, body, headers) => void script.push({ type: "fail", status, body, headers }),
    streamErrorNext: (s = {}) => void script.push({ type: "stream-error", ...s }),
    delayNext: (ms, where = "headers") => void script.push({ type: "delay", ms, where }),
    messagesBodies: () => server.requests.filter((r) => r.path === "/v1/messages").map((r) => r.json as MessagesBody),
  };
}

/** `GET /v1/models` (paged by `limit`/`after_id`, newest first as served) and `GET /v1/models/{id}`. */
function serveListing(listing: Listing, req: RecordedRequest, res: ServerResponse): boolean {
  const one = match(req, "GET", "/v1/models/:id");
  if (!one && !match(req, "GET", "/v1/models")) return false;
  const failure = listing.failure();
  if (failure !== undefined) {
    sendError(res, failure, defaultAnthropicError(failure));
    return true;
  }
  const entry = (id: string) => ({
    type: "model",
    id,
    display_name: displayName(id),
    created_at: "2026-01-01T00:00:00Z",
  });
  if (one) {
    const id = one.id ?? "";
    if (listing.has(id)) sendJson(res, 200, entry(id));
    else sendJson(res, 404, anthropicError("not_found_error", `model: ${id}`));
    return true;
  }
  const all = listing.ids();
  const limit = Math.min(Math.max(Number(req.query.get("limit") ?? 20) || 20, 1), 1000);
  const after = req.query.get("after_id");
  const start = after ? all.indexOf(after) + 1 : 0;
  const page = all.slice(start, start + limit);
  sendJson(res, 200, {
    data: page.map(entry),
    has_more: start + limit < all.length,
    first_id: page[0] ?? null,
    last_id: page.at(-1) ?? null,
  });
  return true;
}

/** `claude-opus-4-8` → `Claude Opus 4.8`. */
function displayName(id: string): string {
  const [, family = "", major = "", minor] = /^claude-([a-z]+)-(\d+)(?:-(\d+))?/.exec(id) ?? [];
  if (!family) return id;
  return `Claude ${family[0]?.toUpperCase()}${family.slice(1)} ${major}${minor ? `.${minor}` : ""}`;
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The Messages API's validation, in its own words. */
function validate(req: RecordedRequest): string | undefined {
  const body = req.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object" || Array.isArray(body))
    return "There was an error parsing the body of your request.";
  if (typeof body.model !== "string") return "model: Field required";
  if (body.max_tokens === undefined) return "max_tokens: Field required";
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return "max_tokens: Input should be greater than or equal to 1";
  }
  if (body.thinking !== undefined) {
    const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown } | null;
    if (!["enabled", "disabled", "adaptive"].includes(String(thinking?.type)))
      return "thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'";
    if (thinking?.type === "enabled" && !Number.isInteger(thinking.budget_tokens))
      return "thinking.enabled.budget_tokens: Field required";
  }
  if (
    body.temperature !== undefined &&
    !(typeof body.temperature === "number" && body.temperature >= 0 && body.temperature <= 1)
  )
    return "temperature: Input should be less than or equal to 1";
  if (!Array.isArray(body.messages)) return "messages: Field required";
  if (body.messages.length === 0) return "messages: at least one message is required";
  for (const [i, message] of (body.messages as { role?: unknown; content?: unknown }[]).entries()) {
    if (message.role === "system") {
      return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    }
    if (message.role !== "user" && message.role !== "assistant")
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (typeof message.content === "string" && message.content.trim() === "") {
      return `messages.${i}: text content blocks must contain non-whitespace text`;
    }
  }
  return undefined;
}
