import type { MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.js";

/** Updates that carry money: Telegram cancels a payment whose pre-checkout query waits 10 s. */
export function isPaymentUpdate(update: Update): boolean {
  return update.pre_checkout_query !== undefined || update.message?.successful_payment !== undefined;
}

/** Runs work in one of a fixed number of lanes, first come first served. */
export interface Lanes {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * `slots` lanes, handed on first come first served. Work still running after `holdMs` gives its
 * lane back (it goes on running), so a slow update or job cannot stall the others.
 */
export function createLanes(slots = 16, holdMs = 2_000): Lanes {
  let busy = 0;
  const waiting: (() => void)[] = [];
  const handOn = () => {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  };
  return {
    async run(work) {
      if (busy < slots) busy++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        clearTimeout(timer);
        handOn();
      };
      const timer = setTimeout(release, holdMs);
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/**
 * Payment queries jump the queue. Other updates (and the chat side of jobs, see app.ts) take a
 * lane, so under load they wait here, cheaply, instead of all running at once and sharing the
 * event loop and the database with a pre-checkout query; a payment update never waits for one.
 * Installed after `sequentialize`: one chat holds at most one lane.
 */
export function updateLanes(lanes: Lanes = createLanes()): MiddlewareFn<BotContext> {
  return (ctx, next) => (isPaymentUpdate(ctx.update) ? next() : lanes.run(next));
}
