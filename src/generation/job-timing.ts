/** Delay before the next poll of an upstream job: quick at first, then backing off to 15 s. */
export function nextPollDelayMs(polls: number): number {
  if (polls < 3) return 2_000;
  if (polls < 10) return 4_000;
  return Math.min(15_000, 4_000 + (polls - 10) * 1_000);
}

/** A chat action lasts up to 5 s, so it is repeated a little faster. */
export const CHAT_ACTION_MS = 4_500;

/** Node's timers overflow past this (and then fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

/** When to poll next: backing off, but never after the deadline, so a deadline fails its job on time. */
export function pollAt(now: number, polls: number, deadlineAt: number | null): number {
  return Math.min(now + nextPollDelayMs(polls), deadlineAt ?? Number.POSITIVE_INFINITY);
}

/** Aborts when the job's deadline passes (at once if it has): synchronous upstreams are bounded too. */
export function deadlineSignal(deadlineAt: number | null, now: number): AbortSignal {
  const left = (deadlineAt ?? Number.POSITIVE_INFINITY) - now;
  return AbortSignal.timeout(Math.min(MAX_TIMER_MS, Math.max(1, left)));
}
