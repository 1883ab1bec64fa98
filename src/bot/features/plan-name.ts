import type { BotContext } from "../context.js";

/** The plan's display name (plan names are brand words, the same in both languages). */
export function planName(ctx: BotContext, planId: string): string {
  const plan = ctx.services.catalog.plans.find((p) => p.id === planId);
  return plan?.name ?? planId;
}
