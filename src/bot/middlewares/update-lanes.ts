import type { MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.js";

/** Updates that carry money: Telegram cancels a payment whose pre-checkout query waits 10 s. */
export function isPaymentUpdate(update: Update): boolean {
  return update.pre_checkout_query !== undefined || update.message?.successful_payment !== undefined;
}

/**
 * Payment queries jump the queue. Other updates take one of `slots` lanes, first come first
 * served, so under load they wait here, cheaply, instead of all running at once and sharing the
 * event loop and the database with a pre-checkout query. A payment update never waits for a lane.
 * An update still running after `holdMs` gives its lane back (it goes on running), so a slow one
 * cannot stall the others. Installed after `sequentialize`: one chat holds at most one lane.
 */
export function updateLanes(slots = 16, holdMs = 2_000): MiddlewareFn<BotContext> {
  let busy = 0;
  const waiting: (() => void)[] = [];
  const handOn = () => {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  };
  return async (ctx, next) => {
    if (isPaymentUpdate(ctx.update)) return next();
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
      await next();
    } finally {
      release();
    }
  };
}
