import { z } from "zod";
import { anthropicContent } from "./chat-content.js";
import { ProviderError } from "./errors.js";
import { createHttpClient, openStream, parseJsonOr, streamError } from "./http.js";
import { parseSse, sniffStream } from "./sse.js";
import type { ChatMessage, ChatProvider, ChatRequest, ChatResult } from "./types.js";

/** Settings of the Anthropic Messages API. */
export interface AnthropicChatOptions {
  apiKey: string;
  /** The SDK-style base without `/v1` (`https://api.anthropic.com`); `/v1/messages` is appended. */
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** `max_tokens` is required by the API; used when a request sets none. */
  defaultMaxTokens?: number;
}

export const ANTHROPIC_VERSION = "2023-06-01";

const UsageSchema = z.object({ input_tokens: z.number().nullish(), output_tokens: z.number().nullish() });

const EventSchemas = {
  message_start: z.object({ message: z.object({ usage: UsageSchema.nullish() }) }),
  content_block_start: z.object({ content_block: z.object({ type: z.string(), text: z.string().nullish() }) }),
  content_block_delta: z.object({ delta: z.object({ type: z.string(), text: z.string().nullish() }) }),
  message_delta: z.object({
    delta: z.object({ stop_reason: z.string().nullish() }).nullish(),
    usage: UsageSchema.nullish(),
  }),
};

const MessageSchema = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().nullish() })),
  stop_reason: z.string().nullish(),
  usage: UsageSchema.nullish(),
});

interface Tally {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: string;
}

/** The Anthropic Messages adapter, streaming. */
export function createAnthropicChatProvider(options: AnthropicChatOptions): ChatProvider {
  const http = createHttpClient({
    provider: "anthropic",
    baseUrl: options.baseUrl,
    headers: { "x-api-key": options.apiKey, "anthropic-version": ANTHROPIC_VERSION },
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    sleep: options.sleep,
  });
  const defaultMaxTokens = options.defaultMaxTokens ?? 4096;

  return {
    async chat(request: ChatRequest): Promise<ChatResult> {
      const { system, messages } = splitSystem(request.messages);
      const answer = await openStream(http, "anthropic", {
        method: "POST",
        path: "/v1/messages",
        json: {
          // Route data (an output cap, `thinking`) over the default cap; a request's own cap wins over both.
          max_tokens: defaultMaxTokens,
          ...request.route.body,
          ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
          model: request.route.upstream,
          messages: messages.map((message) => ({ role: message.role, content: anthropicContent(message) })),
          ...(system ? { system } : {}),
          stream: true,
        },
        signal: request.signal,
      });
      const { kind, chunks } = await sniffStream(answer.contentType, answer.chunks);
      const tally = kind === "json" ? await readMessage(chunks, request) : await readStream(chunks, request);
      return finish(tally);
    },
  };
}

/** The Messages API takes the system prompt as a top-level field and rejects a `system` role. */
export function splitSystem(all: ChatMessage[]): {
  system: string;
  messages: (ChatMessage & { role: "user" | "assistant" })[];
} {
  const system: string[] = [];
  const messages: (ChatMessage & { role: "user" | "assistant" })[] = [];
  for (const message of all) {
    const { role, content } = message;
    if (role === "system") system.push(content);
    // Empty text blocks are a 400 on this API.
    else if (content.trim() !== "" || message.images?.length) messages.push({ ...message, role });
  }
  return { system: system.filter((s) => s.trim() !== "").join("\n\n"), messages };
}

async function readStream(chunks: AsyncIterable<Uint8Array>, request: ChatRequest): Promise<Tally> {
  const tally: Tally = { text: "" };
  const append = (text: string | null | undefined) => {
    if (!text) return;
    tally.text += text;
    request.onText?.(tally.text);
  };
  for await (const event of parseSse(chunks)) {
    if (event.event === "error") throw streamError("anthropic", parseJsonOr(event.data));
    if (event.event === "message_stop") break;
    // ping, content_block_stop and event types added later carry nothing we show.
    if (!Object.hasOwn(EventSchemas, event.event)) continue;
    const data = parseJsonOr(event.data);
    if (event.event === "message_start") {
      const usage = parse(EventSchemas.message_start, data, event.data).message.usage;
      countUsage(tally, usage);
    } else if (event.event === "content_block_start") {
      const block = parse(EventSchemas.content_block_start, data, event.data).content_block;
      if (block.type === "text") append(block.text);
    } else if (event.event === "content_block_delta") {
      // thinking_delta and input_json_delta are not part of the answer shown to the user.
      const delta = parse(EventSchemas.content_block_delta, data, event.data).delta;
      if (delta.type === "text_delta") append(delta.text);
    } else if (event.event === "message_delta") {
      const parsed = parse(EventSchemas.message_delta, data, event.data);
      countUsage(tally, parsed.usage);
      tally.stopReason = parsed.delta?.stop_reason ?? tally.stopReason;
    }
  }
  return tally;
}

async function readMessage(chunks: AsyncIterable<Uint8Array>, request: ChatRequest): Promise<Tally> {
  let raw = "";
  const decoder = new TextDecoder();
  for await (const chunk of chunks) raw += decoder.decode(chunk, { stream: true });
  raw += decoder.decode();
  const data = parseJsonOr(raw);
  if (isErrorBody(data)) throw streamError("anthropic", data);
  const message = parse(MessageSchema, data, raw);
  const tally: Tally = {
    text: message.content.map((block) => (block.type === "text" ? (block.text ?? "") : "")).join(""),
  };
  countUsage(tally, message.usage);
  tally.stopReason = message.stop_reason ?? undefined;
  if (tally.text) request.onText?.(tally.text);
  return tally;
}

function countUsage(tally: Tally, usage: z.infer<typeof UsageSchema> | null | undefined) {
  // message_delta's output_tokens is cumulative, so the latest value wins.
  if (typeof usage?.input_tokens === "number") tally.inputTokens = usage.input_tokens;
  if (typeof usage?.output_tokens === "number") tally.outputTokens = usage.output_tokens;
}

function finish(tally: Tally): ChatResult {
  if (!tally.text) {
    if (tally.stopReason === "refusal")
      throw new ProviderError("anthropic", "moderation", "the model refused to answer");
    throw new ProviderError(
      "anthropic",
      "bad_response",
      `no text in the answer (stop_reason ${tally.stopReason ?? "none"})`,
    );
  }
  const usage =
    tally.inputTokens !== undefined || tally.outputTokens !== undefined
      ? { usage: { inputTokens: tally.inputTokens ?? 0, outputTokens: tally.outputTokens ?? 0 } }
      : {};
  return { text: tally.text, ...usage };
}

function isErrorBody(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === "error";
}

function parse<T>(schema: z.ZodType<T>, data: unknown, raw: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ProviderError("anthropic", "bad_response", `unexpected event: ${raw.slice(0, 200)}`);
  return result.data;
}
