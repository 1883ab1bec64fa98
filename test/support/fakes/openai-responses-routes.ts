import type { FakeRoute, RecordedRequest } from "./fake-server.js";
import { match, sendJson } from "./fake-server.js";
import { countWords, openAiError, pieces, sendSse, sseFrame, textOf } from "./openai-fake.js";

/**
 * OpenAI's Responses API on the wire (`POST {prefix}/responses`), streamed with named SSE events or
 * answered as one response object. Plug into the OpenAI fake as `extraRoutes`: its gate checks the
 * key and plays `failNext` / `delayNext` scripts before these routes see a request.
 */

/** The body of a Responses request, as the fake received it. */
export interface ResponsesBody {
  model: string;
  input: string | { role: string; content: unknown }[];
  instructions?: string;
  stream?: boolean;
  max_output_tokens?: number;
  [field: string]: unknown;
}

/** How the next response ends instead of completing normally. */
export type ResponsesOutcome =
  /** `response.failed` (streamed) or a response with `status: "failed"` (JSON). */
  | { type: "failed"; code?: string; message?: string }
  /** `response.incomplete` after `text` (default none: reasoning used up the budget). */
  | { type: "incomplete"; reason?: "max_output_tokens" | "content_filter"; text?: string }
  /** The model answers with a `refusal` content part. */
  | { type: "refusal"; refusal?: string }
  /** Streams only: `afterText` (default the first word), then an `error` event. */
  | { type: "error-event"; code?: string; message?: string; afterText?: string }
  /** Streams only: `afterText` (default the first word), then the connection ends without a terminal event. */
  | { type: "cut"; afterText?: string };

export interface ResponsesScript {
  /** Every later answer is this text; an array is sent as that many `output_text` parts. */
  reply(text: string | string[]): void;
  /** Answer one JSON response object even when `stream: true` was asked for. */
  ignoreStream(on?: boolean): void;
  /** Scripts the next `/responses` request; several queue up in order. */
  outcomeNext(outcome: ResponsesOutcome): void;
  /** The JSON bodies of the `/responses` requests received so far. */
  bodies(): ResponsesBody[];
  /** Background responses stay queued/in_progress for this many polls before they end (default 1). */
  pollsNeeded(polls: number): void;
  /** The background responses created so far, by id. */
  background(): ReadonlyMap<string, BackgroundResponse>;
}

/** A response created with `background: true`, as the fake keeps it between polls. */
export interface BackgroundResponse {
  id: string;
  status: "queued" | "in_progress" | "completed" | "incomplete" | "failed" | "cancelled";
  polls: number;
  pollsLeft: number;
  /** What the response becomes when its polls run out. */
  final: Record<string, unknown>;
}

export interface OpenAiResponsesRoutesOptions {
  /** Path prefix the base URL carries (`https://api.openai.com/v1` → `/v1`). */
  prefix?: string;
  /** Steers the routes; default one nobody holds (echo answers). */
  script?: ResponsesScript;
  /** Write stream bodies in slices of this many bytes. */
  chunkBytes?: number;
}

interface ScriptState {
  pollsNeeded: number;
  background: Map<string, BackgroundResponse>;
  parts?: string[];
  jsonOnly: boolean;
  outcomes: ResponsesOutcome[];
  received: ResponsesBody[];
}

const states = new WeakMap<ResponsesScript, ScriptState>();

export function createResponsesScript(): ResponsesScript {
  const state: ScriptState = { jsonOnly: false, outcomes: [], received: [], pollsNeeded: 1, background: new Map() };
  const script: ResponsesScript = {
    reply: (text) => {
      state.parts = typeof text === "string" ? [text] : text;
    },
    ignoreStream: (on = true) => {
      state.jsonOnly = on;
    },
    outcomeNext: (outcome) => void state.outcomes.push(outcome),
    bodies: () => state.received,
    pollsNeeded: (polls) => {
      state.pollsNeeded = polls;
    },
    background: () => state.background,
  };
  states.set(script, state);
  return script;
}

// Top-level request fields the Responses API knows; anything else is an `unknown_parameter` 400.
const FIELDS = new Set([
  "model",
  "input",
  "instructions",
  "stream",
  "stream_options",
  "max_output_tokens",
  "temperature",
  "top_p",
  "reasoning",
  "text",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "store",
  "metadata",
  "previous_response_id",
  "conversation",
  "include",
  "truncation",
  "background",
  "service_tier",
  "user",
  "safety_identifier",
  "prompt_cache_key",
]);
const ROLES = new Set(["user", "assistant", "system", "developer"]);

export function createOpenAiResponsesRoutes(options: OpenAiResponsesRoutesOptions = {}): FakeRoute[] {
  const { prefix = "/v1", script = createResponsesScript(), chunkBytes } = options;
  const state = states.get(script);
  if (!state) throw new Error("the script must come from createResponsesScript()");
  let ids = 0;

  const responses: FakeRoute = async (req, res) => {
    if (!match(req, "POST", `${prefix}/responses`)) return false;
    const invalid = validate(req);
    if (invalid) return void sendJson(res, 400, invalid);
    const body = req.json as ResponsesBody;
    state.received.push(body);
    const n = ++ids;
    const outcome = state.outcomes.shift();
    const parts = state.parts ?? [`Echo from ${body.model}: ${lastUserText(body.input)}`];
    const text = outcome?.type === "incomplete" ? (outcome.text ?? "") : parts.join("");
    const usage = {
      input_tokens: countWords(body.instructions ?? "") + inputWords(body.input),
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outcome?.type === "failed" ? 0 : countWords(text),
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 0,
    };
    usage.total_tokens = usage.input_tokens + usage.output_tokens;

    const reasoning = { id: `rs_fake${n}`, type: "reasoning", summary: [] };
    const message = (content: unknown[], status = "completed") => ({
      id: `msg_fake${n}`,
      type: "message",
      status,
      role: "assistant",
      content,
    });
    const textPart = (t: string) => ({ type: "output_text", text: t, annotations: [], logprobs: [] });
    const refusal = outcome?.type === "refusal" ? (outcome.refusal ?? "I'm sorry, but I can't help with that.") : "";
    const error =
      outcome?.type === "failed"
        ? { code: outcome.code ?? "server_error", message: outcome.message ?? "The model failed to respond." }
        : null;

    let status = "completed";
    let output: unknown[] = [reasoning, message((outcome?.type === "incomplete" ? [text] : parts).map(textPart))];
    if (outcome?.type === "refusal") output = [reasoning, message([{ type: "refusal", refusal }])];
    if (outcome?.type === "incomplete") {
      status = "incomplete";
      output = text ? [reasoning, message([textPart(text)], "incomplete")] : [reasoning];
    }
    if (outcome?.type === "failed") {
      status = "failed";
      output = [];
    }
    const response = (final: boolean) => ({
      id: `resp_fake${n}`,
      object: "response",
      created_at: 1_700_000_000,
      status: final ? status : "in_progress",
      background: false,
      error: final ? error : null,
      incomplete_details:
        final && outcome?.type === "incomplete" ? { reason: outcome.reason ?? "max_output_tokens" } : null,
      instructions: body.instructions ?? null,
      max_output_tokens: body.max_output_tokens ?? null,
      model: body.model,
      output: final ? output : [],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: "medium", summary: null },
      store: true,
      temperature: 1,
      text: { format: { type: "text" } },
      tool_choice: "auto",
      tools: [],
      top_p: 1,
      truncation: "disabled",
      usage: final && outcome?.type !== "failed" ? usage : null,
      metadata: {},
    });

    if (body.background === true) {
      if (outcome?.type === "error-event" || outcome?.type === "cut") throw new Error(`${outcome.type} is for streams`);
      const queued = { ...response(false), status: "queued", background: true };
      const final = { ...response(true), background: true };
      state.background.set(queued.id, {
        id: queued.id,
        status: "queued",
        polls: 0,
        pollsLeft: state.pollsNeeded,
        final,
      });
      return void sendJson(res, 200, queued, { "x-request-id": `req_fake${n}` });
    }

    if (!body.stream || state.jsonOnly) {
      if (outcome?.type === "error-event" || outcome?.type === "cut") throw new Error(`${outcome.type} is for streams`);
      return void sendJson(res, 200, response(true), { "x-request-id": `req_fake${n}` });
    }

    let sequence = 0;
    const frames: string[] = [];
    const emit = (type: string, payload: Record<string, unknown> = {}) =>
      frames.push(sseFrame(JSON.stringify({ type, sequence_number: sequence++, ...payload }), type));
    const at = (contentIndex: number) => ({ item_id: `msg_fake${n}`, output_index: 1, content_index: contentIndex });

    emit("response.created", { response: response(false) });
    emit("response.in_progress", { response: response(false) });
    if (outcome?.type === "failed") {
      emit("response.failed", { response: response(true) });
      return void (await sendSse(res, frames, { chunkBytes }));
    }
    emit("response.output_item.added", { output_index: 0, item: reasoning });
    emit("response.output_item.done", { output_index: 0, item: reasoning });

    if (outcome?.type === "error-event" || outcome?.type === "cut") {
      emit("response.output_item.added", { output_index: 1, item: message([], "in_progress") });
      emit("response.content_part.added", { ...at(0), part: textPart("") });
      const before = outcome.afterText ?? pieces(text)[0] ?? "";
      if (before) emit("response.output_text.delta", { ...at(0), delta: before, logprobs: [] });
      if (outcome.type === "error-event") {
        emit("error", {
          code: outcome.code ?? "server_error",
          message: outcome.message ?? "The server had an error while processing your request. Sorry about that!",
          param: null,
        });
      }
      return void (await sendSse(res, frames, { chunkBytes }));
    }

    const item = output[1] as ReturnType<typeof message> | undefined;
    if (item) {
      emit("response.output_item.added", { output_index: 1, item: message([], "in_progress") });
      for (const [index, part] of (item.content as { type: string; text?: string; refusal?: string }[]).entries()) {
        if (part.type === "refusal") {
          emit("response.content_part.added", { ...at(index), part: { type: "refusal", refusal: "" } });
          for (const piece of pieces(refusal)) emit("response.refusal.delta", { ...at(index), delta: piece });
          emit("response.refusal.done", { ...at(index), refusal });
        } else {
          emit("response.content_part.added", { ...at(index), part: textPart("") });
          for (const piece of pieces(part.text ?? "")) {
            emit("response.output_text.delta", { ...at(index), delta: piece, logprobs: [] });
          }
          emit("response.output_text.done", { ...at(index), text: part.text ?? "", logprobs: [] });
        }
        emit("response.content_part.done", { ...at(index), part });
      }
      emit("response.output_item.done", { output_index: 1, item });
    }
    emit(status === "incomplete" ? "response.incomplete" : "response.completed", { response: response(true) });
    await sendSse(res, frames, { chunkBytes, headers: { "x-request-id": `req_fake${n}` } });
  };

  /** `GET /responses/{id}`: a background response moves queued → in_progress → its end, one step per poll. */
  const retrieve: FakeRoute = (req, res) => {
    const params = match(req, "GET", `${prefix}/responses/:id`);
    if (!params) return false;
    const job = state.background.get(params.id ?? "");
    if (!job) return void sendJson(res, 404, notFound(params.id ?? ""));
    job.polls += 1;
    if (job.status === "queued" || job.status === "in_progress") {
      job.pollsLeft -= 1;
      job.status = job.pollsLeft > 0 ? "in_progress" : (job.final.status as BackgroundResponse["status"]);
    }
    sendJson(res, 200, backgroundView(job));
  };

  /** `POST /responses/{id}/cancel`: a running response ends cancelled; a finished one is returned as it is. */
  const cancel: FakeRoute = (req, res) => {
    const params = match(req, "POST", `${prefix}/responses/:id/cancel`);
    if (!params) return false;
    const job = state.background.get(params.id ?? "");
    if (!job) return void sendJson(res, 404, notFound(params.id ?? ""));
    if (job.status === "queued" || job.status === "in_progress") job.status = "cancelled";
    sendJson(res, 200, backgroundView(job));
  };

  return [responses, retrieve, cancel];
}

function notFound(id: string) {
  return openAiError(`Response with id '${id}' not found.`, "invalid_request_error", null, "response_id");
}

/** The response object a poll sees: the final one once it ended, an empty running one before. */
function backgroundView(job: BackgroundResponse): Record<string, unknown> {
  if (job.status === job.final.status) return job.final;
  return { ...job.final, status: job.status, output: [], usage: null, error: null, incomplete_details: null };
}

function validate(req: RecordedRequest): unknown {
  const body = req.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return openAiError("We could not parse the JSON body of your request.", "invalid_request_error");
  }
  const unknown = Object.keys(body).find((field) => !FIELDS.has(field));
  if (unknown) {
    return openAiError(`Unknown parameter: '${unknown}'.`, "invalid_request_error", "unknown_parameter", unknown);
  }
  const missing = (param: string) =>
    openAiError(
      `Missing required parameter: '${param}'.`,
      "invalid_request_error",
      "missing_required_parameter",
      param,
    );
  if (typeof body.model !== "string" || body.model === "") return missing("model");
  if (body.input === undefined) return missing("input");
  if (Array.isArray(body.input)) {
    for (const [i, item] of body.input.entries()) {
      const role = (item as { role?: unknown })?.role;
      if (typeof role !== "string" || !ROLES.has(role)) {
        return openAiError(
          `Invalid value: '${String(role)}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
          "invalid_request_error",
          "invalid_value",
          `input[${i}].role`,
        );
      }
    }
  } else if (typeof body.input !== "string") {
    return openAiError("Invalid type for 'input'.", "invalid_request_error", "invalid_type", "input");
  }
  if (body.background === true && body.store === false) {
    // Background responses are kept upstream so that they can be polled: stateless ones are refused.
    return openAiError("Background mode requires store=true.", "invalid_request_error", "invalid_value", "store");
  }
  if (body.instructions !== undefined && typeof body.instructions !== "string") {
    return openAiError("Invalid type for 'instructions'.", "invalid_request_error", "invalid_type", "instructions");
  }
  return undefined;
}

function lastUserText(input: ResponsesBody["input"]): string {
  if (typeof input === "string") return input;
  return textOf(input.findLast((item) => item.role === "user")?.content);
}

function inputWords(input: ResponsesBody["input"]): number {
  if (typeof input === "string") return countWords(input);
  return input.reduce((sum, item) => sum + countWords(textOf(item.content)), 0);
}
