import { z } from "zod";
import { splitSystem } from "./anthropic-chat.js";
import { responsesContent } from "./chat-content.js";
import { ProviderError } from "./errors.js";
import { createHttpClient, openStream, parseJsonOr, streamError } from "./http.js";
import { parseSse, sniffStream } from "./sse.js";
import type { ChatProvider, ChatRequest, ChatResult } from "./types.js";

/** Settings of OpenAI's Responses API (the only API that serves the `*-pro` models). */
export interface OpenAiResponsesOptions {
  apiKey: string;
  /** The SDK-style base (`https://api.openai.com/v1`); `/responses` is appended. */
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const PROVIDER = "openai";

const UsageSchema = z.object({ input_tokens: z.number(), output_tokens: z.number() });

const ContentPartSchema = z.object({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() });

/** A response object, as a non-streamed answer and the terminal stream events carry it. */
export const ResponseSchema = z.object({
  id: z.string().nullish(),
  status: z.string().nullish(),
  // Reasoning items have no `content`; only message items carry the answer.
  output: z.array(z.object({ type: z.string(), content: z.array(ContentPartSchema).nullish() })).nullish(),
  usage: UsageSchema.nullish(),
  error: z.unknown().nullish(),
  incomplete_details: z.object({ reason: z.string().nullish() }).nullish(),
});

export type ResponseObject = z.infer<typeof ResponseSchema>;

const EventSchemas = {
  delta: z.object({ delta: z.string() }),
  part: z.object({ part: ContentPartSchema }),
  refusalDone: z.object({ refusal: z.string() }),
  terminal: z.object({ response: ResponseSchema }),
};

export interface Tally {
  text: string;
  /** Set once the model refused (a `refusal` content part), to the refusal text so far. */
  refusal?: string;
  usage?: z.infer<typeof UsageSchema>;
  status?: string;
  incompleteReason?: string;
}

/** The HTTP client both Responses adapters (streaming and background) talk through. */
export function responsesHttp(options: OpenAiResponsesOptions) {
  return createHttpClient({
    provider: PROVIDER,
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    sleep: options.sleep,
  });
}

/** The Responses API adapter, streaming. Takes the same requests as the Chat Completions one. */
export function createOpenAiResponsesProvider(options: OpenAiResponsesOptions): ChatProvider {
  const http = responsesHttp(options);

  return {
    async chat(request: ChatRequest): Promise<ChatResult> {
      // System messages go in `instructions`; the rest of the conversation is the input.
      const { system, messages } = splitSystem(request.messages);
      const answer = await openStream(http, PROVIDER, {
        method: "POST",
        path: "/responses",
        json: {
          // Route data first (an output cap), so the fields below always win.
          ...request.route.body,
          model: request.route.upstream,
          ...(system ? { instructions: system } : {}),
          input: messages.map((message) => ({ role: message.role, content: responsesContent(message) })),
          stream: true,
          // Conversations are kept in our database; nothing needs to stay stored upstream.
          store: false,
          ...(request.maxTokens === undefined ? {} : { max_output_tokens: request.maxTokens }),
        },
        signal: request.signal,
      });
      const { kind, chunks } = await sniffStream(answer.contentType, answer.chunks);
      const tally = kind === "json" ? await readResponse(chunks, request) : await readStream(chunks, request);
      return finish(tally);
    },
  };
}

async function readStream(chunks: AsyncIterable<Uint8Array>, request: ChatRequest): Promise<Tally> {
  const tally: Tally = { text: "" };
  for await (const event of parseSse(chunks)) {
    if (event.data.trim() === "" || event.data.startsWith("[DONE]")) continue;
    const data = parseJsonOr(event.data);
    const type = typeOf(data) ?? event.event;
    if (type === "error" || event.event === "error" || hasErrorKey(data)) throw streamError(PROVIDER, data);
    if (typeof data === "string") throw badResponse(`not JSON: ${event.data.slice(0, 200)}`);
    switch (type) {
      case "response.output_text.delta": {
        const { delta } = parse(EventSchemas.delta, data, event.data);
        if (delta) {
          tally.text += delta;
          request.onText?.(tally.text);
        }
        break;
      }
      case "response.content_part.added":
        if (parse(EventSchemas.part, data, event.data).part.type === "refusal") tally.refusal ??= "";
        break;
      case "response.refusal.delta":
        tally.refusal = (tally.refusal ?? "") + parse(EventSchemas.delta, data, event.data).delta;
        break;
      case "response.refusal.done":
        tally.refusal = parse(EventSchemas.refusalDone, data, event.data).refusal;
        break;
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        settle(tally, parse(EventSchemas.terminal, data, event.data).response, request);
        return tally;
      // response.created, output_item.*, reasoning summaries and event types added later carry nothing we show.
    }
  }
  throw badResponse("the stream ended before the response was completed");
}

async function readResponse(chunks: AsyncIterable<Uint8Array>, request: ChatRequest): Promise<Tally> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const raw = Buffer.concat(parts).toString("utf8");
  const data = parseJsonOr(raw);
  if (typeof data === "string") throw badResponse(`not JSON: ${raw.slice(0, 200)}`);
  if (hasErrorKey(data)) throw streamError(PROVIDER, data);
  const tally: Tally = { text: "" };
  settle(tally, parse(ResponseSchema, data, raw), request);
  return tally;
}

/** Takes in a finished response: its status, usage, and the answer when no deltas brought it. */
export function settle(tally: Tally, response: ResponseObject, request: ChatRequest) {
  if (response.status === "failed" || response.error != null) throw streamError(PROVIDER, response);
  tally.status = response.status ?? "completed";
  tally.usage = response.usage ?? tally.usage;
  tally.incompleteReason = response.incomplete_details?.reason ?? undefined;
  const parts = (response.output ?? []).flatMap((item) => (item.type === "message" ? (item.content ?? []) : []));
  const refusals = parts.filter((part) => part.type === "refusal");
  if (refusals.length > 0) tally.refusal = refusals.map((part) => part.refusal ?? "").join("");
  if (!tally.text) {
    // The SDK's `output_text`: every output_text part, joined.
    tally.text = parts.map((part) => (part.type === "output_text" ? (part.text ?? "") : "")).join("");
    if (tally.text) request.onText?.(tally.text);
  }
}

export function finish(tally: Tally): ChatResult {
  if (tally.refusal !== undefined) {
    const reason = tally.refusal.trim() || undefined;
    throw new ProviderError(PROVIDER, "moderation", `the model refused: ${reason ?? "no reason"}`, undefined, reason);
  }
  if (tally.status !== "completed" && tally.status !== "incomplete") {
    throw badResponse(`unexpected response status ${tally.status}`);
  }
  if (!tally.text) {
    if (tally.incompleteReason === "content_filter") {
      throw new ProviderError(PROVIDER, "moderation", "answer withheld by the content filter");
    }
    throw badResponse(`no text in the answer (status ${tally.status}, reason ${tally.incompleteReason ?? "none"})`);
  }
  return {
    text: tally.text,
    ...(tally.usage
      ? { usage: { inputTokens: tally.usage.input_tokens, outputTokens: tally.usage.output_tokens } }
      : {}),
  };
}

function typeOf(data: unknown): string | undefined {
  const type = typeof data === "object" && data !== null ? (data as { type?: unknown }).type : undefined;
  return typeof type === "string" ? type : undefined;
}

/** A top-level `error` (a proxy's error body, or a response that failed). */
function hasErrorKey(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { error?: unknown }).error != null;
}

function parse<T>(schema: z.ZodType<T>, data: unknown, raw: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw badResponse(`unexpected event: ${raw.slice(0, 200)}`);
  return result.data;
}

function badResponse(message: string): ProviderError {
  return new ProviderError(PROVIDER, "bad_response", message);
}
