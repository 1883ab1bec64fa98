import type { ModelSpec } from "../../catalog/types.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";

/** Built-in routes name a locale key; anything else is an operator's own words from MODEL_ROUTES_FILE. */
const LOCALE_KEY = /^routes-unavailable-[a-z0-9-]+$/;

/**
 * The card's line for a model that is not available: the route's reason in the user's language when the
 * route names one (a locale key, or an operator's text inside a localized line), else the generic line.
 */
export function unavailableLine(ctx: BotContext, model: ModelSpec): string {
  const reason = model.route.unavailable;
  if (!reason) return ctx.t("model-card-unavailable");
  if (LOCALE_KEY.test(reason)) return ctx.t(reason);
  return ctx.t("routes-unavailable-operator", { reason: escapeHtml(reason) });
}
