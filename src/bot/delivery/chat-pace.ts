/**
 * One pace per chat for the calls a job makes there. Telegram answers a chat that is called too
 * often with 429 and `retry_after` (drafts have seen waits of minutes), and every further call in
 * that time only extends the wait. So:
 * - a call whose result matters (a delivery) waits out every `retry_after` it is given, however
 *   long, and is then made again — in the background of its own job, never another chat's. A wait
 *   that only a draft or edit was given does not hold it back: it is tried once, and waits if told to;
 * - a call that may be dropped (a draft frame, a progress edit) is skipped while the chat backs off
 *   or too soon after the chat's last call, and a 429 on it backs the chat off instead of retrying.
 *
 * Any draft or edit call can be paced: wrap it, `pace.optional(chatId, () => api.sendMessageDraft(…))`.
 */
export interface ChatPace {
  /** Makes a call that must succeed; waits out flood limits (any `retry_after`) and retries it. */
  required<T>(chatId: number, call: () => Promise<T>): Promise<T>;
  /**
   * Makes a call that may be dropped; `undefined` when it was skipped or answered 429. Other errors
   * are thrown. `ignoreGap`: skipped only while the chat backs off, and not counted in the gap
   * (chat actions, a job's first progress message): the next draft or edit is not held back by it.
   */
  optional<T>(chatId: number, call: () => Promise<T>, options?: { ignoreGap?: boolean }): Promise<T | undefined>;
  /** Until when (epoch ms) the chat backs off after a 429; 0 when it does not. */
  blockedUntil(chatId: number): number;
}

export interface ChatPaceOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The least time between two droppable calls to one chat (Telegram: about one a second). */
  minGapMs?: number;
  /** How many 429s in a row a required call waits out before it gives up (its job retries later). */
  maxFloodWaits?: number;
}

/** A 429's `retry_after`, in seconds, from a grammY `GrammyError` (or anything shaped like one). */
export function retryAfterOf(error: unknown): number | undefined {
  const e = error as { error_code?: unknown; parameters?: { retry_after?: unknown } } | null;
  if (e?.error_code !== 429) return undefined;
  const seconds = e.parameters?.retry_after;
  return typeof seconds === "number" && seconds >= 0 ? seconds : 1;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createChatPace(options: ChatPaceOptions = {}): ChatPace {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const minGapMs = options.minGapMs ?? 1_000;
  const maxFloodWaits = options.maxFloodWaits ?? 20;
  /** `until`: any 429 (droppable calls stop); `sendUntil`: a 429 to a required call (the next one waits too). */
  const chats = new Map<number, { until: number; sendUntil: number; lastAt: number }>();

  const stateOf = (chatId: number) => {
    let state = chats.get(chatId);
    if (!state) {
      state = { until: 0, sendUntil: 0, lastAt: 0 };
      chats.set(chatId, state);
    }
    return state;
  };
  /** Forgets chats that are quiet again, so the map stays as small as the set of busy chats. */
  const tidy = () => {
    if (chats.size < 1_000) return;
    const cutoff = now() - 60_000;
    for (const [id, state] of chats) if (state.until < now() && state.lastAt < cutoff) chats.delete(id);
  };
  const backOff = (chatId: number, seconds: number, required: boolean) => {
    const state = stateOf(chatId);
    state.until = Math.max(state.until, now() + seconds * 1000);
    if (required) state.sendUntil = Math.max(state.sendUntil, state.until);
  };

  return {
    async required(chatId, call) {
      for (let waits = 0; ; waits++) {
        const wait = stateOf(chatId).sendUntil - now();
        if (wait > 0) await sleep(wait);
        stateOf(chatId).lastAt = now();
        try {
          return await call();
        } catch (error) {
          const seconds = retryAfterOf(error);
          if (seconds === undefined || waits >= maxFloodWaits) throw error;
          backOff(chatId, seconds, true);
        } finally {
          tidy();
        }
      }
    },

    async optional(chatId, call, { ignoreGap = false } = {}) {
      const state = stateOf(chatId);
      const at = now();
      if (at < state.until || (!ignoreGap && at - state.lastAt < minGapMs)) return undefined;
      if (!ignoreGap) state.lastAt = at;
      try {
        return await call();
      } catch (error) {
        const seconds = retryAfterOf(error);
        if (seconds === undefined) throw error;
        backOff(chatId, seconds, false);
        return undefined;
      }
    },

    blockedUntil: (chatId) => chats.get(chatId)?.until ?? 0,
  };
}
