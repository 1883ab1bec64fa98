import { InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

/** A button per paid plan (the current one marked), then cancel or resume renewal of a running subscription. */
export function createPlansKeyboard(
  ctx: BotContext,
  current: { plan: string; renewal: "on" | "off" | "none" },
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const paid = ctx.services.catalog.plans.filter((p) => p.priceRub > 0);
  paid.forEach((plan, i) => {
    const stars = ctx.services.payments.prices.plan(plan.id) ?? 0;
    const mark = plan.id === current.plan ? "✅ " : "";
    keyboard.text(ctx.t("btn-plan", { mark, name: plan.name, stars }), cb.plan.pack({ id: plan.id }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (current.renewal === "on") keyboard.text(ctx.t("btn-plan-cancel"), cb.planCancel.pack({ confirm: "ask" })).row();
  if (current.renewal === "off")
    keyboard.text(ctx.t("btn-plan-resume"), cb.planCancel.pack({ confirm: "resume" })).row();
  return keyboard.text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }));
}
