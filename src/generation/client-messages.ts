import type { ChatMessage } from "../providers/types.js";
import type { GenerationRow } from "../storage/generations-repository.js";
import { CHAT_MESSAGES } from "./types.js";

/**
 * An API chat job's conversation exactly as the client sent it (OpenAI's `messages`): the whole
 * context, so neither the bot's system prompt nor the chat's history is added. `undefined` for bot jobs.
 */
export function clientMessages(job: GenerationRow): ChatMessage[] | undefined {
  const own = (JSON.parse(job.params) as Record<string, unknown>)[CHAT_MESSAGES];
  return Array.isArray(own) ? (own as ChatMessage[]) : undefined;
}
