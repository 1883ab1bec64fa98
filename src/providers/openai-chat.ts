import { z } from "zod";
import type { ProviderId } from "../catalog/types.js";
import { openAiChatContent } from "./chat-content.js";
import { ProviderError } from "./errors.js";
import { createHttpClient, openStream, parseJsonOr, streamError } from "./http.js";
import { parseSse, sniffStream } from "./sse.js";
import type { ChatProvider, ChatRequest, ChatResult } from "./types.js";

/** Settings of one OpenAI-compatible chat upstream (OpenAI, DeepSeek, xAI, Gemini). */
export interface OpenAiChatOptions {
  provider: ProviderId;
  apiKey: string;
  /** The SDK-style base (`https://api.openai.com/v1`); `/chat/completions` is appended. */
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const UsageSchema = z.object({ prompt_tokens: z.number(), completion_tokens: z.number() });

const ChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        // `reasoning_content` (DeepSeek reasoner) is deliberately not read: reasoning is not shown.
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: UsageSchema.nullish(),
});

const CompletionSchema = z.object({
  choices: z.array(
    z.object({
      message: z.object({ content: z.string().nullish() }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: UsageSchema.nullish(),
});

type Usage = z.infer<typeof UsageSchema>;

/** A Chat Completions adapter with streaming, for every provider that speaks OpenAI's wire format. */
export function createOpenAiChatProvider(options: OpenAiChatOptions): ChatProvider {
  const { provider } = options;
  const http = createHttpClient({
    provider,
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    sleep: options.sleep,
  });
  // OpenAI deprecated `max_tokens` for `max_completion_tokens` (reasoning models reject the old
  // name); the compatible providers document only `max_tokens`, and Gemini rejects unknown fields.
  const maxTokensField = provider === "openai" ? "max_completion_tokens" : "max_tokens";

  return {
    async chat(request: ChatRequest): Promise<ChatResult> {
      const answer = await openStream(http, provider, {
        method: "POST",
        path: "/chat/completions",
        json: {
          // Route data first (DeepSeek's `thinking`, an output cap), so the fields below always win.
          ...request.route.body,
          model: request.route.upstream,
          messages: request.messages.map((message) => ({ role: message.role, content: openAiChatContent(message) })),
          stream: true,
          stream_options: { include_usage: true },
          ...(request.maxTokens === undefined ? {} : { [maxTokensField]: request.maxTokens }),
        },
        signal: request.signal,
      });
      // Some compatible servers ignore `stream` and answer with one chat.completion.
      const { kind, chunks } = await sniffStream(answer.contentType, answer.chunks);
      return kind === "json" ? readCompletion(provider, chunks, request) : readStream(provider, chunks, request);
    },
  };
}

async function readStream(
  provider: ProviderId,
  chunks: AsyncIterable<Uint8Array>,
  request: ChatRequest,
): Promise<ChatResult> {
  let text = "";
  let usage: Usage | undefined;
  let finishReason: string | undefined;
  for await (const event of parseSse(chunks)) {
    if (event.data.startsWith("[DONE]")) break;
    if (event.event === "error") throw streamError(provider, parseJsonOr(event.data));
    if (event.data.trim() === "") continue;
    const data = parseJson(provider, event.data);
    if (hasErrorKey(data)) throw streamError(provider, data);
    const chunk = ChunkSchema.safeParse(data);
    if (!chunk.success) throw badResponse(provider, `unexpected chunk: ${event.data.slice(0, 200)}`);
    usage = chunk.data.usage ?? usage;
    const choice = chunk.data.choices?.[0];
    finishReason = choice?.finish_reason ?? finishReason;
    const delta = choice?.delta?.content;
    if (delta) {
      text += delta;
      request.onText?.(text);
    }
  }
  return finish(provider, text, usage, finishReason);
}

async function readCompletion(
  provider: ProviderId,
  chunks: AsyncIterable<Uint8Array>,
  request: ChatRequest,
): Promise<ChatResult> {
  let raw = "";
  const decoder = new TextDecoder();
  for await (const chunk of chunks) raw += decoder.decode(chunk, { stream: true });
  raw += decoder.decode();
  const data = parseJson(provider, raw);
  if (hasErrorKey(data)) throw streamError(provider, data);
  const completion = CompletionSchema.safeParse(data);
  if (!completion.success) throw badResponse(provider, `unexpected completion: ${raw.slice(0, 200)}`);
  const choice = completion.data.choices[0];
  const text = choice?.message.content ?? "";
  if (text) request.onText?.(text);
  return finish(provider, text, completion.data.usage ?? undefined, choice?.finish_reason ?? undefined);
}

function finish(
  provider: ProviderId,
  text: string,
  usage: Usage | undefined,
  finishReason: string | undefined,
): ChatResult {
  if (!text) {
    if (finishReason === "content_filter") {
      throw new ProviderError(provider, "moderation", "answer withheld by the content filter");
    }
    throw badResponse(provider, `no text in the answer (finish_reason ${finishReason ?? "none"})`);
  }
  return {
    text,
    ...(usage ? { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } } : {}),
  };
}

function parseJson(provider: ProviderId, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse(provider, `not JSON: ${text.slice(0, 200)}`);
  }
}

function hasErrorKey(data: unknown): boolean {
  return typeof data === "object" && data !== null && "error" in data && (data as { error: unknown }).error != null;
}

function badResponse(provider: ProviderId, message: string): ProviderError {
  return new ProviderError(provider, "bad_response", message);
}
