import { splitSystem } from "./anthropic-chat.js";
import { responsesContent } from "./chat-content.js";
import { ProviderError } from "./errors.js";
import {
  finish,
  type OpenAiResponsesOptions,
  type ResponseObject,
  ResponseSchema,
  responsesHttp,
  settle,
  type Tally,
} from "./openai-responses.js";
import type { ChatJobs, PollResult, SubmitResult } from "./types.js";

const PROVIDER = "openai";

/** Statuses of a background response that is still running; any other is final. */
const RUNNING = new Set(["queued", "in_progress"]);

/**
 * The Responses API in background mode: `POST /responses` with `background: true` answers at once
 * with a queued response; `GET /responses/{id}` is polled until it leaves queued/in_progress;
 * `POST /responses/{id}/cancel` stops it. Background mode needs `store: true` (stateless requests are
 * refused): OpenAI keeps the response for about 10 minutes so it can be polled.
 */
export function createOpenAiResponsesJobs(options: OpenAiResponsesOptions): ChatJobs {
  const http = responsesHttp(options);

  const read = (data: unknown): ResponseObject => {
    const parsed = ResponseSchema.safeParse(data);
    if (!parsed.success) throw new ProviderError(PROVIDER, "bad_response", "unexpected response object");
    return parsed.data;
  };

  return {
    async start(request): Promise<SubmitResult> {
      const { system, messages } = splitSystem(request.messages);
      const response = read(
        await http.json({
          method: "POST",
          path: "/responses",
          json: {
            model: request.route.upstream,
            ...(system ? { instructions: system } : {}),
            input: messages.map((message) => ({ role: message.role, content: responsesContent(message) })),
            background: true,
            store: true,
            ...(request.maxTokens === undefined ? {} : { max_output_tokens: request.maxTokens }),
            ...request.route.body,
          },
          signal: request.signal,
          // A repeat would start (and bill) a second run upstream.
          retry: false,
        }),
      );
      if (response.status === "completed") {
        const outcome = final(response);
        if (outcome.status === "done") return outcome;
      }
      if (!response.id) throw new ProviderError(PROVIDER, "bad_response", "a background response without an id");
      // Whatever else it is (queued, or already failed), the first poll tells.
      return { status: "pending", jobId: response.id };
    },

    async poll(_route, jobId, signal): Promise<PollResult> {
      const response = read(
        await http.json({ method: "GET", path: `/responses/${encodeURIComponent(jobId)}`, signal }),
      );
      if (response.status && RUNNING.has(response.status)) return { status: "pending" };
      return final(response);
    },

    async cancel(_route, jobId) {
      // Idempotent upstream: cancelling a finished response just returns it.
      await http.json({ method: "POST", path: `/responses/${encodeURIComponent(jobId)}/cancel`, retry: false });
    },
  };
}

/** A response in a final state, as a poll result: the answer, or why there is none. */
function final(response: ResponseObject): PollResult {
  if (response.status === "cancelled") return { status: "failed" };
  if (response.status === "failed" || response.error != null) {
    const message = (response.error as { message?: unknown } | null | undefined)?.message;
    return { status: "failed", ...(typeof message === "string" ? { reason: message } : {}) };
  }
  try {
    const tally: Tally = { text: "" };
    settle(tally, response, { route: { provider: PROVIDER, upstream: "", operation: "responses" }, messages: [] });
    const { text } = finish(tally);
    return { status: "done", outputs: [{ type: "text", text }] };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { status: "failed", reason: error.reason, moderation: error.kind === "moderation" };
  }
}
