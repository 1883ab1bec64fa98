import type { Logger } from "../logger.js";
import { type Schedule, unrefTimeout } from "./delivery-step.js";

/**
 * Waits before a step that crashed (the database did not answer mid-capture, say) runs again. The
 * job keeps its lease while this instance lives, so no other instance would ever pick it up: without
 * a retry here it would sit with its tokens held until the next restart.
 */
export const CRASH_RETRY_MS = [1_000, 5_000, 30_000, 120_000, 600_000] as const;

interface Running {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * The job steps running in this process: at most one per job, each abortable, and one that
 * crashed is run again later through `again` (which claims the job's lease before its step).
 */
export function createJobSteps(logger: Logger, again: (id: number) => void, schedule: Schedule = unrefTimeout) {
  const running = new Map<number, Running>();
  const crashes = new Map<number, number>();
  const retries = new Set<() => void>();

  function retryLater(id: number) {
    const count = crashes.get(id) ?? 0;
    crashes.set(id, count + 1);
    const delay = CRASH_RETRY_MS[Math.min(count, CRASH_RETRY_MS.length - 1)] ?? CRASH_RETRY_MS[0];
    const cancel = schedule(() => {
      retries.delete(cancel);
      again(id);
    }, delay);
    retries.add(cancel);
  }

  return {
    /** Runs `step` for a job unless one is already running for it here; answers when it ends. */
    track(id: number, step: (signal: AbortSignal) => Promise<void>): Promise<void> {
      const existing = running.get(id);
      if (existing) return existing.done;
      const abort = new AbortController();
      const done = step(abort.signal)
        .then(
          () => void crashes.delete(id),
          (error) => {
            logger.error({ err: error, generation: id }, "job step crashed");
            retryLater(id);
          },
        )
        .finally(() => running.delete(id));
      running.set(id, { abort, done });
      return done;
    },
    /** Aborts the job's running step, if any; false when none runs (or it was aborted already). */
    abort(id: number, reason?: unknown): boolean {
      const entry = running.get(id);
      if (!entry || entry.abort.signal.aborted) return false;
      entry.abort.abort(reason);
      return true;
    },
    has: (id: number) => running.has(id),
    /** Drops the waiting retries and answers when the running steps end. */
    stop(): Promise<unknown> {
      for (const cancel of retries) cancel();
      retries.clear();
      return Promise.allSettled([...running.values()].map((entry) => entry.done));
    },
  };
}
