import type { Clock } from "../clock.js";
import { ApiError } from "./errors.js";

const WINDOW_MS = 60_000;

/**
 * Abuse guards per key, on top of the plan's limits: requests per rolling minute (in memory: a
 * restart forgets them, which only ever lets a client through sooner) and jobs running at once.
 */
export function createKeyLimits(options: { perMinute: number; maxConcurrent: number; clock: Clock }) {
  const recent = new Map<number, number[]>();
  return {
    /** Counts a request of the key; throws a 429 when it is one too many this minute. */
    hit(keyId: number) {
      const now = options.clock.now().getTime();
      const times = (recent.get(keyId) ?? []).filter((t) => t > now - WINDOW_MS);
      if (times.length >= options.perMinute) {
        const retry = Math.max(1, Math.ceil(((times[0] ?? now) + WINDOW_MS - now) / 1000));
        recent.set(keyId, times);
        throw new ApiError(
          429,
          "key_rate_limited",
          `At most ${options.perMinute} requests per minute per key.`,
          { limit: options.perMinute, window: "minute" },
          { "Retry-After": String(retry) },
        );
      }
      times.push(now);
      recent.set(keyId, times);
    },

    /** Throws a 429 when the key already has as many jobs running as it may. */
    assertConcurrency(running: number) {
      if (running < options.maxConcurrent) return;
      throw new ApiError(
        429,
        "too_many_jobs",
        `At most ${options.maxConcurrent} generations per key at once.`,
        { limit: options.maxConcurrent },
        { "Retry-After": "5" },
      );
    },
  };
}

export type KeyLimits = ReturnType<typeof createKeyLimits>;
