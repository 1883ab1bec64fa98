import type { PlanSpec } from "../../catalog/types.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";

/** "30 requests/hour, 200/day" or "no request limits". */
export function planLimits(ctx: BotContext, plan: PlanSpec): string {
  if (plan.perHour === null || plan.perDay === null) return ctx.t("plans-limits-none");
  return ctx.t("plans-limits", { hour: plan.perHour, day: plan.perDay });
}

/** The display name of a package or plan id (HTML-escaped), the id itself if it is gone from the catalog. */
export function productName(ctx: BotContext, id: string): string {
  const { packages, plans } = ctx.services.catalog;
  const name = packages.find((p) => p.id === id)?.name ?? plans.find((p) => p.id === id)?.name ?? id;
  return escapeHtml(name || "?");
}
