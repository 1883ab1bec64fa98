import { InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

export function createBalanceKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("btn-buy"), cb.menu.pack({ screen: "buy" }))
    .text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" }))
    .row()
    .text(ctx.t("btn-history"), cb.history.pack({ page: "0" }))
    .row()
    .text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }));
}
