import type { ServerResponse } from "node:http";
import {
  type FakeRoute,
  type FakeServer,
  match,
  type RecordedRequest,
  sendJson,
  startFakeServer,
} from "./fake-server.js";
import { controlOf, createListing, type Listing, type ListingControl, requestedModel } from "./listing.js";
import { DEEPSEEK_MODELS, GEMINI_MODELS, OPENAI_MODELS, XAI_MODELS } from "./served-models.js";

/**
 * A loopback fake of OpenAI's REST API and of the OpenAI-compatible chat servers (DeepSeek, xAI,
 * Gemini): auth, scripted failures and delays for every endpoint, and `POST {prefix}/chat/completions`
 * with real SSE framing. Other endpoints (images, audio, videos) plug in as `extraRoutes`.
 */
export type OpenAiFlavor = "openai" | "deepseek" | "xai" | "gemini";

export interface OpenAiFakeOptions {
  flavor?: OpenAiFlavor;
  /** The key the fake accepts; default `test-<flavor>-key`. */
  apiKey?: string;
  /** Routes tried after auth and scripted failures; they see full paths (`/v1/images/generations`). */
  extraRoutes?: FakeRoute[];
  /** Write stream bodies in slices of this many bytes (splits lines and UTF-8 characters). */
  chunkBytes?: number;
  /** The model ids served and accepted; default the flavor's real list (served-models.ts). */
  models?: readonly string[];
}

/** The body of a chat completion request, as the fake received it. */
export interface ChatCompletionBody {
  model: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [field: string]: unknown;
}

export interface StreamErrorScript {
  /** The error object sent; default a `server_error`. */
  error?: unknown;
  /** `data`: a `data:` chunk with a top-level `error` (OpenRouter style); `event`: `event: error`. */
  style?: "data" | "event";
  /** Text streamed before the error; default the first word of the answer. */
  afterText?: string;
}

export interface OpenAiFake extends FakeServer {
  /** What to set as `*_BASE_URL`: `url` plus the flavor's SDK prefix. */
  baseUrl: string;
  /** `/v1`, `` (DeepSeek) or `/v1beta/openai` (Gemini). */
  prefix: string;
  apiKey: string;
  flavor: OpenAiFlavor;
  /** `GET {prefix}/models` and the ids every endpoint accepts (see listing.ts). */
  listing: ListingControl;
  /** Every later chat answer is this text. */
  reply(text: string): void;
  replyWith(answer: (body: ChatCompletionBody) => string): void;
  /** Answer JSON even when `stream: true` was asked for, as some compatible servers do. */
  ignoreStream(on?: boolean): void;
  // Each of the following scripts one request (any endpoint), in the order they are called.
  /** Fails the next request; `body` defaults to the provider's body for `status`, a string is sent as text. */
  failNext(status: number, body?: unknown, headers?: Record<string, string>): void;
  /** Answers the next chat request 200, streams a little, then sends an error. */
  streamErrorNext(script?: StreamErrorScript): void;
  /**
   * Holds the next response `ms` before its headers, (`body`) after its first stream event, or
   * (`text`) after the first words of the answer have been streamed.
   */
  delayNext(ms: number, where?: "headers" | "body" | "text"): void;
  /**
   * Streams `afterText` (nothing by default) on the next chat request, then holds the stream open
   * until the client hangs up; `closed` resolves when it has (a stopped answer).
   */
  hangNext(afterText?: string): { closed: Promise<void> };
  /** The JSON bodies of the chat completion requests received so far. */
  chatBodies(): ChatCompletionBody[];
}

/** One scripted response; each request takes the next one. */
export type NextScript =
  | { type: "fail"; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: "delay"; ms: number; where: "headers" | "body" | "text" }
  | ({ type: "stream-error" } & StreamErrorScript)
  | { type: "hang"; afterText: string; onClose: () => void };

export function openAiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** Error bodies as OpenAI and DeepSeek send them. */
export const OPENAI_ERRORS = {
  rateLimit: openAiError(
    "Rate limit reached for gpt-5-nano in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
    "requests",
    "rate_limit_exceeded",
  ),
  insufficientQuota: openAiError(
    "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
    "insufficient_quota",
    "insufficient_quota",
  ),
  server: openAiError("The server had an error while processing your request. Sorry about that!", "server_error"),
  overloaded: openAiError("The engine is currently overloaded, please try again later.", "server_error"),
  insufficientBalance: openAiError("Insufficient Balance", "unknown_error", "invalid_request_error"),
  badRequest: openAiError("Invalid request.", "invalid_request_error"),
};

function defaultErrorBody(status: number): unknown {
  if (status === 429) return OPENAI_ERRORS.rateLimit;
  if (status === 402) return OPENAI_ERRORS.insufficientBalance;
  if (status === 503) return OPENAI_ERRORS.overloaded;
  if (status >= 500) return OPENAI_ERRORS.server;
  return OPENAI_ERRORS.badRequest;
}

const PREFIX: Record<OpenAiFlavor, string> = { openai: "/v1", deepseek: "", xai: "/v1", gemini: "/v1beta/openai" };
const MODELS: Record<OpenAiFlavor, readonly string[]> = {
  openai: OPENAI_MODELS,
  deepseek: DEEPSEEK_MODELS,
  xai: XAI_MODELS,
  gemini: GEMINI_MODELS,
};
const OWNER: Record<OpenAiFlavor, string> = { openai: "system", deepseek: "deepseek", xai: "xai", gemini: "google" };

const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

// Gemini's compatibility layer rejects fields it does not know.
const GEMINI_FIELDS = new Set([
  "model",
  "messages",
  "stream",
  "stream_options",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "n",
  "stop",
  "seed",
  "tools",
  "tool_choice",
  "response_format",
  "reasoning_effort",
  "presence_penalty",
  "frequency_penalty",
  "extra_body",
]);

export async function startOpenAiFake(options: OpenAiFakeOptions = {}): Promise<OpenAiFake> {
  const flavor = options.flavor ?? "openai";
  const apiKey = options.apiKey ?? `test-${flavor}-key`;
  const prefix = PREFIX[flavor];
  const script: NextScript[] = [];
  const scriptOf = new WeakMap<RecordedRequest, NextScript>();
  let answer = (body: ChatCompletionBody) => `Echo from ${body.model}: ${lastUserText(body.messages)}`;
  let jsonOnly = false;
  let ids = 0;
  const listing = createListing(options.models ?? MODELS[flavor]);

  const gate: FakeRoute = async (req, res) => {
    // Generated files are fetched like a CDN's signed URLs, without the API key (the media routes serve them).
    if (req.path.startsWith("/_fake-files/")) return false;
    const authError = checkAuth(flavor, apiKey, req.headers.authorization);
    if (authError) return void sendJson(res, authError.status, authError.body);
    // The listing answers before scripted failures, so a health check never takes a test's scripted reply.
    if (serveListing(flavor, prefix, listing, req, res)) return;
    const next = script.shift();
    if (next) scriptOf.set(req, next);
    if (next?.type === "fail")
      return void sendError(res, next.status, next.body ?? flavorError(flavor, next.status), next.headers);
    const model = await requestedModel(req);
    if (model !== undefined && !listing.has(model)) return void sendModelNotFound(flavor, model, res);
    if (next?.type === "delay" && next.where === "headers") await waitOrClose(next.ms, res);
    return false;
  };

  const chat: FakeRoute = async (req, res) => {
    if (!match(req, "POST", `${prefix}/chat/completions`)) return false;
    const invalid = validateChat(flavor, req);
    if (invalid) return void sendJson(res, invalid.status, invalid.body);
    const body = req.json as ChatCompletionBody;
    const id = `chatcmpl-fake${++ids}`;
    const text = answer(body);
    const usage = usageOf(body.messages, text);
    const next = scriptOf.get(req);
    const stallMs = next?.type === "delay" && next.where !== "headers" ? next.ms : undefined;
    if (!body.stream || jsonOnly) {
      // DeepSeek keeps a busy non-streaming connection alive with blank lines before the JSON.
      res.writeHead(200, { "content-type": "application/json", "x-request-id": `req_${id}` });
      if (flavor === "deepseek") res.write("\n\n");
      if (stallMs) await waitOrClose(stallMs, res);
      return void res.end(JSON.stringify(completion(id, body.model, text, usage)));
    }
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
      id,
      object: "chat.completion.chunk",
      created: 1_700_000_000,
      model: body.model,
      system_fingerprint: "fp_fake",
      choices,
      ...(body.stream_options?.include_usage ? { usage: null } : {}),
      ...extra,
    });
    const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
      index: 0,
      delta: d,
      logprobs: null,
      finish_reason: finish,
    });
    const frames: string[] = [];
    if (flavor === "deepseek") frames.push(": keep-alive\n\n", ": keep-alive\n\n");
    frames.push(sseData(chunk([delta({ role: "assistant", content: "" })])));
    // DeepSeek's current models think unless a request turns thinking off.
    if (flavor === "deepseek" && (body.thinking as { type?: string } | undefined)?.type !== "disabled") {
      for (const piece of pieces("Let me think about this.")) {
        frames.push(sseData(chunk([delta({ content: null, reasoning_content: piece })])));
      }
    }
    if (next?.type === "stream-error") {
      const before = next.afterText ?? pieces(text)[0] ?? "";
      if (before) frames.push(sseData(chunk([delta({ content: before })])));
      const error = next.error ?? OPENAI_ERRORS.server;
      frames.push(next.style === "event" ? sseFrame(JSON.stringify(error), "error") : sseData(error));
      return void (await sendSse(res, frames, { chunkBytes: options.chunkBytes }));
    }
    if (next?.type === "hang") {
      if (next.afterText) frames.push(sseData(chunk([delta({ content: next.afterText })])));
      res.once("close", next.onClose);
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
      for (const frame of frames) res.write(frame);
      // Held open (no [DONE]) until the client goes away; closing the fake ends it too.
      return void (await waitOrClose(600_000, res));
    }
    const firstWords = frames.length;
    for (const piece of pieces(text)) frames.push(sseData(chunk([delta({ content: piece })])));
    frames.push(sseData(chunk([delta({}, "stop")])));
    if (body.stream_options?.include_usage) frames.push(sseData(chunk([], { usage })));
    frames.push("data: [DONE]\n\n");
    await sendSse(res, frames, {
      chunkBytes: options.chunkBytes,
      stallMs,
      stallAfter: next?.type === "delay" && next.where === "text" ? firstWords : 0,
      headers: { "x-request-id": `req_${id}` },
    });
  };

  const server = await startFakeServer([gate, chat, ...(options.extraRoutes ?? [])]);
  return {
    ...server,
    baseUrl: server.url + prefix,
    prefix,
    apiKey,
    flavor,
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
    hangNext: (afterText = "") => {
      let onClose = () => {};
      const closed = new Promise<void>((resolve) => {
        onClose = resolve;
      });
      script.push({ type: "hang", afterText, onClose });
      return { closed };
    },
    chatBodies: () =>
      server.requests.filter((r) => r.path === `${prefix}/chat/completions`).map((r) => r.json as ChatCompletionBody),
  };
}

/**
 * A route for a server without the chat gate (the standalone media fake): serves the listing and
 * rejects unknown model ids, for requests that carry `apiKey`.
 */
export function createModelGate(prefix: string, apiKey: string, listing: Listing): FakeRoute {
  return async (req, res) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return false;
    if (serveListing("openai", prefix, listing, req, res)) return;
    const model = await requestedModel(req);
    if (model !== undefined && !listing.has(model)) return void sendModelNotFound("openai", model, res);
    return false;
  };
}

/** `GET {prefix}/models` and `GET {prefix}/models/{id}`; true when it answered. */
function serveListing(
  flavor: OpenAiFlavor,
  prefix: string,
  listing: Listing,
  req: RecordedRequest,
  res: ServerResponse,
): boolean {
  if (req.method !== "GET" || !req.path.startsWith(`${prefix}/models`)) return false;
  const one = match(req, "GET", `${prefix}/models/:id`) ?? match(req, "GET", `${prefix}/models/models/:id`);
  if (!one && req.path !== `${prefix}/models`) return false;
  const failure = listing.failure();
  if (failure !== undefined) {
    sendError(res, failure, flavorError(flavor, failure));
    return true;
  }
  // Gemini's compatibility layer names models `models/<id>`, as its native API does.
  const shown = (id: string) => (flavor === "gemini" ? `models/${id}` : id);
  const entry = (id: string) => ({ id: shown(id), object: "model", created: 1_767_225_600, owned_by: OWNER[flavor] });
  if (one) {
    const id = one.id ?? "";
    if (listing.has(id)) sendJson(res, 200, entry(id));
    else sendModelNotFound(flavor, id, res);
    return true;
  }
  sendJson(res, 200, { object: "list", data: listing.ids().map(entry) });
  return true;
}

/** What each flavor answers for a model it does not serve. */
function sendModelNotFound(flavor: OpenAiFlavor, model: string, res: ServerResponse): void {
  if (flavor === "gemini") {
    sendJson(res, 404, [
      {
        error: {
          code: 404,
          message: `models/${model} is not found for API version v1main, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
          status: "NOT_FOUND",
        },
      },
    ]);
    return;
  }
  sendJson(
    res,
    404,
    openAiError(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      "invalid_request_error",
      "model_not_found",
      "model",
    ),
  );
}

function checkAuth(flavor: OpenAiFlavor, apiKey: string, header: string | undefined) {
  if (header === `Bearer ${apiKey}`) return undefined;
  const given = header?.replace(/^Bearer\s+/i, "") ?? "";
  const masked = `${given.slice(0, 3)}***${given.slice(-2)}`;
  switch (flavor) {
    case "deepseek":
      return {
        status: 401,
        body: openAiError(
          `Authentication Fails, Your api key: ****${given.slice(-4)} is invalid`,
          "authentication_error",
          "invalid_request_error",
        ),
      };
    case "xai":
      return {
        status: 400,
        body: {
          code: "Client specified an invalid argument",
          error: `Incorrect API key provided: ${masked}. You can obtain an API key from https://console.x.ai.`,
        },
      };
    case "gemini":
      return {
        status: 400,
        body: [
          {
            error: {
              code: 400,
              message: "API key not valid. Please pass a valid API key.",
              status: "INVALID_ARGUMENT",
            },
          },
        ],
      };
    default:
      return {
        status: 401,
        body: header
          ? openAiError(
              `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
              "invalid_request_error",
              "invalid_api_key",
            )
          : openAiError(
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
              "invalid_request_error",
            ),
      };
  }
}

function flavorError(flavor: OpenAiFlavor, status: number): unknown {
  if (flavor === "gemini") {
    return [
      {
        error: {
          code: status,
          message:
            status === 429 ? "Resource has been exhausted (e.g. check quota)." : "An internal error has occurred.",
          status: status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL",
        },
      },
    ];
  }
  return defaultErrorBody(status);
}

function validateChat(flavor: OpenAiFlavor, req: RecordedRequest): { status: number; body: unknown } | undefined {
  const bad = (message: string, param: string | null = null, code: string | null = null) => ({
    status: 400,
    body:
      flavor === "gemini"
        ? [{ error: { code: 400, message, status: "INVALID_ARGUMENT" } }]
        : openAiError(message, "invalid_request_error", code, param),
  });
  const body = req.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return bad(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  if (flavor === "gemini") {
    const unknown = Object.keys(body).find((field) => !GEMINI_FIELDS.has(field));
    if (unknown) return bad(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
  }
  if (typeof body.model !== "string" || body.model === "") return bad("you must provide a model parameter");
  if (!Array.isArray(body.messages))
    return bad("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
  if (body.messages.length === 0) {
    return bad(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      "messages",
      "empty_array",
    );
  }
  for (const field of ["max_tokens", "max_completion_tokens"]) {
    const value = body[field];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1))
      return bad(
        `Invalid '${field}': expected an integer of at least 1, but got ${JSON.stringify(value)} instead.`,
        field,
        "invalid_value",
      );
  }
  if (flavor === "openai" && body.max_tokens !== undefined && body.model.startsWith("gpt-"))
    // Reasoning models (every current GPT) refuse the old name.
    return bad(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      "max_tokens",
      "unsupported_parameter",
    );
  if (body.reasoning_effort !== undefined && !REASONING_EFFORTS.includes(String(body.reasoning_effort)))
    return bad(
      `Invalid value: '${String(body.reasoning_effort)}'. Supported values are: ${REASONING_EFFORTS.map((e) => `'${e}'`).join(", ")}.`,
      "reasoning_effort",
      "invalid_value",
    );
  if (flavor === "deepseek" && body.thinking !== undefined) {
    const type = (body.thinking as { type?: unknown } | null)?.type;
    if (type !== "enabled" && type !== "disabled")
      return bad(
        `thinking.type: expected 'enabled' or 'disabled', got ${JSON.stringify(type)}`,
        "thinking",
        "invalid_value",
      );
  }
  if (body.stream_options !== undefined && body.stream !== true) {
    return bad(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      "stream_options",
      "invalid_value",
    );
  }
  return undefined;
}

function completion(id: string, model: string, text: string, usage: Record<string, number>) {
  return {
    id,
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage,
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

function usageOf(messages: { content: unknown }[], answer: string) {
  const prompt = messages.reduce((sum, m) => sum + countWords(textOf(m.content)), 0);
  const completion = countWords(answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

// ---- helpers shared with the other fakes ----

/** The text of a message `content`: a string or an array of `{type:"text", text}` parts. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join(" ");
}

export function lastUserText(messages: { role: string; content: unknown }[]): string {
  return textOf(messages.findLast((m) => m.role === "user")?.content);
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Splits an answer the way a model streams it: word by word, spaces kept. */
export function pieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

export function sseData(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

export function sseFrame(data: string, event?: string): string {
  return `${event ? `event: ${event}\n` : ""}data: ${data}\n\n`;
}

/** Sends an error body: JSON, or a string as plain text (what a proxy's 502 page looks like). */
export function sendError(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (typeof body === "string") {
    res.writeHead(status, { "content-type": "text/plain", ...headers });
    res.end(body);
  } else sendJson(res, status, body, headers);
}

/** Resolves after `ms`, or as soon as the client has gone away. */
export function waitOrClose(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once("close", done);
    function done() {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    }
  });
}

/** Streams SSE frames, each in its own write (or `chunkBytes` slices), optionally stalling after one (the first by default). */
export async function sendSse(
  res: ServerResponse,
  frames: string[],
  options: { chunkBytes?: number; stallMs?: number; stallAfter?: number; headers?: Record<string, string> } = {},
): Promise<void> {
  let closed = false;
  res.once("close", () => {
    closed = true;
  });
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    ...options.headers,
  });
  res.flushHeaders();
  for (const [i, frame] of frames.entries()) {
    const bytes = Buffer.from(frame, "utf8");
    const size = options.chunkBytes ?? bytes.length;
    for (let at = 0; at < bytes.length; at += size) {
      if (closed) return;
      res.write(bytes.subarray(at, at + size));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (i === (options.stallAfter ?? 0) && options.stallMs) await waitOrClose(options.stallMs, res);
  }
  if (!closed) res.end();
}
