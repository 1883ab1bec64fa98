import type { PlanSpec } from "../catalog/types.js";
import { RateLimited } from "./errors.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface Usage {
  /** Request times (ms) within the last day, oldest first. */
  lastDay: readonly number[];
}

export interface Remaining {
  hour: number | null;
  day: number | null;
}

/** Requests left in the rolling hour and day; `null` where the plan has no limit. */
export function remainingRequests(plan: PlanSpec, usage: Usage, now: number): Remaining {
  const inHour = usage.lastDay.filter((t) => t > now - HOUR_MS).length;
  const inDay = usage.lastDay.filter((t) => t > now - DAY_MS).length;
  return {
    hour: plan.perHour === null ? null : Math.max(0, plan.perHour - inHour),
    day: plan.perDay === null ? null : Math.max(0, plan.perDay - inDay),
  };
}

/**
 * Throws `RateLimited` when one more request would exceed the plan's rolling hourly or daily
 * limit; the error says when the oldest counted request leaves the window.
 */
export function assertWithinLimits(plan: PlanSpec, usage: Usage, now: number): void {
  check(plan.perDay, "day", DAY_MS, usage, now);
  check(plan.perHour, "hour", HOUR_MS, usage, now);
}

function check(limit: number | null, window: "hour" | "day", span: number, usage: Usage, now: number) {
  if (limit === null) return;
  const inWindow = usage.lastDay.filter((t) => t > now - span).sort((a, b) => a - b);
  if (inWindow.length < limit) return;
  // The request that frees a slot is the one `limit` places from the newest.
  const freeing = inWindow[inWindow.length - limit] ?? now;
  throw new RateLimited(window, limit, new Date(freeing + span));
}
