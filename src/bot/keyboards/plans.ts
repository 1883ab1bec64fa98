import { InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { balancedRows, keyboardOf } from "./grid.js";

/** A button per paid plan (the current one marked), then cancel or resume renewal of a running subscription. */
export function createPlansKeyboard(
  ctx: BotContext,
  current: { plan: string; renewal: "on" | "off" | "none" },
): InlineKeyboard {
  const paid = ctx.services.catalog.plans.filter((p) => p.priceRub > 0);
  const plans = paid.map((plan) => {
    const stars = ctx.services.payments.prices.plan(plan.id) ?? 0;
    const mark = plan.id === current.plan ? "✅ " : "";
    return InlineKeyboard.text(ctx.t("btn-plan", { mark, name: plan.name, stars }), cb.plan.pack({ id: plan.id }));
  });
  const renewal =
    current.renewal === "on"
      ? [InlineKeyboard.text(ctx.t("btn-plan-cancel"), cb.planCancel.pack({ confirm: "ask" }))]
      : current.renewal === "off"
        ? [InlineKeyboard.text(ctx.t("btn-plan-resume"), cb.planCancel.pack({ confirm: "resume" }))]
        : [];
  return keyboardOf([
    ...balancedRows(plans, 2),
    renewal,
    [InlineKeyboard.text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }))],
  ]);
}
