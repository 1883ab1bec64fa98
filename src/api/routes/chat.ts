import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { ChatMessage } from "../../providers/types.js";
import type { ApiDeps } from "../deps.js";
import { keyOf } from "../deps.js";
import { ApiError, invalidField, unknownModel } from "../errors.js";
import { startAwaitedApiJob } from "../job-start.js";
import { chatRequestSchema, chatResponseSchema, errorSchema, idempotencyHeaders } from "../schemas.js";
import { createChatStream } from "./chat-stream.js";

type ChatBody = z.infer<typeof chatRequestSchema>;

/** OpenAI messages as ours: text parts only, `developer` as `system`, tool turns left out. */
function toMessages(messages: ChatBody["messages"]): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const m of messages) {
    if (m.role === "tool") continue;
    const content =
      typeof m.content === "string"
        ? m.content
        : (m.content ?? []).flatMap((part) => (part.type === "text" && part.text ? [part.text] : [])).join("\n");
    result.push({ role: m.role === "developer" ? "system" : m.role, content });
  }
  return result;
}

/**
 * OpenAI-compatible Chat Completions on the token balance: held at the model's price, run as an
 * API job through the same engine as the bot, captured when answered and released when not.
 */
export function chatRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const { catalog } = deps;

  return async (app) => {
    app.post(
      "/chat/completions",
      {
        schema: {
          summary: "OpenAI-compatible chat (stream: true sends server-sent events); model = a text model's slug",
          headers: idempotencyHeaders,
          body: chatRequestSchema,
          response: {
            200: chatResponseSchema,
            ...Object.fromEntries([401, 402, 403, 404, 422, 429, 502, 503].map((code) => [code, errorSchema])),
          },
        },
      },
      async (request, reply) => {
        const key = keyOf(request);
        const body = request.body;
        const match = catalog.find(body.model);
        if (!match) throw unknownModel(body.model);
        const model = match.model;
        if (model.kind !== "text") throw invalidField("model", `${model.slug} is not a chat model; use POST /generate`);
        const messages = toMessages(body.messages);
        const prompt = messages.findLast((m) => m.role === "user")?.content;
        if (!prompt?.trim()) throw invalidField("messages", "needs a user message with text");
        const { job, waiter } = await startAwaitedApiJob(deps, {
          key,
          endpoint: "chat",
          idempotencyHeader: request.headers["idempotency-key"],
          model,
          params: { ...match.params },
          prompt,
          messages,
        });
        const id = `chatcmpl-${job.id}`;
        const created = Math.floor(job.created_at / 1000);
        if (body.stream) {
          reply.hijack();
          await createChatStream(reply.raw, { id, created, model: model.slug }).run(waiter);
          return reply;
        }
        const outcome = await waiter.outcome;
        if (!outcome.ok) throw new ApiError(502, "generation_failed", outcome.message, { reason: outcome.code });
        return {
          id,
          object: "chat.completion" as const,
          created,
          model: model.slug,
          choices: [
            {
              index: 0,
              message: { role: "assistant" as const, content: outcome.text },
              finish_reason: "stop" as const,
            },
          ],
          usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
          token_cost: job.price,
        };
      },
    );
  };
}
