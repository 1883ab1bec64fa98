import { AsyncLocalStorage } from "node:async_hooks";
import type { Transformer } from "grammy";
import type { GenerationRow } from "../../storage/generations-repository.js";

/** Where a job's messages go in a group: as replies to the prompt, inside its forum topic. */
interface Placement {
  chatId: number;
  replyTo: number | null;
  threadId: number | null;
}

const current = new AsyncLocalStorage<Placement>();

/** A job asked in a group (not a private chat, not a guest query). */
export function isGroupJob(job: GenerationRow): boolean {
  return !job.guest_query_id && job.chat_id !== job.user_id;
}

/**
 * Runs `send` so that every message it sends to the job's group replies to the prompt and stays
 * in its topic, whichever delivery path (rich answer, HTML parts, media, link, notice) sends it.
 */
export function placedFor<T>(job: GenerationRow, send: () => Promise<T>): Promise<T> {
  if (!isGroupJob(job)) return send();
  const replyTo = job.reply_to_message_id === null ? null : Number(job.reply_to_message_id);
  const threadId = job.thread_id === null ? null : Number(job.thread_id);
  return current.run({ chatId: Number(job.chat_id), replyTo, threadId }, send);
}

/** The API transformer behind `placedFor`: adds the reply and the topic to sends into that group. */
export const groupPlacement: Transformer = (prev, method, payload, signal) => {
  const place = current.getStore();
  const params = payload as Record<string, unknown> | undefined;
  if (!place || !params || !method.startsWith("send") || method.endsWith("Draft")) return prev(method, payload, signal);
  if (Number(params.chat_id) !== place.chatId) return prev(method, payload, signal);
  const placed: Record<string, unknown> = { ...params };
  if (place.threadId !== null && placed.message_thread_id === undefined) placed.message_thread_id = place.threadId;
  if (place.replyTo !== null && placed.reply_parameters === undefined && method !== "sendChatAction")
    placed.reply_parameters = { message_id: place.replyTo, allow_sending_without_reply: true };
  return prev(method, placed as typeof payload, signal);
};

const WINDOW_MS = 60_000;
/** Telegram allows a group about 20 messages a minute; progress may use what answers leave. */
const PROGRESS_BUDGET = 12;

/**
 * A group's message budget: answers and notices always go (and count), progress edits only while
 * the last minute left room, so a busy group never hits its flood limit because of progress.
 */
export function createGroupPace(now: () => number = Date.now) {
  const sent = new Map<number, number[]>();
  const recent = (chatId: number) => {
    const times = (sent.get(chatId) ?? []).filter((at) => now() - at < WINDOW_MS);
    sent.set(chatId, times);
    return times;
  };
  return {
    /** Counts a message or edit that must go out. */
    note(chatId: number) {
      recent(chatId).push(now());
    },
    /** Whether an optional update (a progress edit) fits the budget; counts it if so. */
    allow(chatId: number): boolean {
      const times = recent(chatId);
      if (times.length >= PROGRESS_BUDGET) return false;
      times.push(now());
      return true;
    },
  };
}
