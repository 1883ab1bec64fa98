import { tooManyRequests } from "./api-error.js";
import { optString, type Params } from "./params.js";
import type { FloodLimitOptions } from "./types.js";

/** Methods that count against Telegram's per-chat message flood limits. */
const LIMITED = /^(send(?!chataction)|edit|copymessage|forwardmessage)/;

/**
 * Telegram-like flood control: past the limit the chat (or the bot) is blocked for `retry_after`
 * seconds and every limited call in that time gets a 429. Throws; does nothing when disabled.
 */
export function createFloodControl(options: FloodLimitOptions | undefined): (method: string, params: Params) => void {
  const perChat = new Map<string, number[]>();
  const blockedUntil = new Map<string, number>();
  let overall: number[] = [];
  return (method, params) => {
    if (options === undefined || !LIMITED.test(method.toLowerCase())) return;
    const now = Date.now();
    const chat = optString(params, "chat_id") ?? "";
    const until = Math.max(blockedUntil.get(chat) ?? 0, blockedUntil.get("*") ?? 0);
    if (until > now) throw tooManyRequests(Math.max(1, Math.ceil((until - now) / 1000)));
    const retryAfter = options.retryAfterSeconds ?? 1;
    const recent = (perChat.get(chat) ?? []).filter((time) => now - time < 1000);
    overall = overall.filter((time) => now - time < 1000);
    if (options.perChatPerSecond !== undefined && recent.length >= options.perChatPerSecond) {
      blockedUntil.set(chat, now + retryAfter * 1000);
      throw tooManyRequests(retryAfter);
    }
    if (options.perSecond !== undefined && overall.length >= options.perSecond) {
      blockedUntil.set("*", now + retryAfter * 1000);
      throw tooManyRequests(retryAfter);
    }
    recent.push(now);
    perChat.set(chat, recent);
    overall.push(now);
  };
}
