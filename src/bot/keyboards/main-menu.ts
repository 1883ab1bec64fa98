import { InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

export function createMainMenuKeyboard(ctx: BotContext): InlineKeyboard {
  const go = (screen: string) => cb.menu.pack({ screen });
  return new InlineKeyboard()
    .text(ctx.t("btn-models"), go("models"))
    .text(ctx.t("btn-balance"), go("balance"))
    .row()
    .text(ctx.t("btn-buy"), go("buy"))
    .text(ctx.t("btn-plans"), go("plans"))
    .row()
    .text(ctx.t("btn-settings"), go("settings"))
    .text(ctx.t("btn-language"), go("language"))
    .row()
    .text(ctx.t("btn-new-chat"), go("new"))
    .text(ctx.t("btn-help"), go("help"));
}

/** A single "back to menu" row, for screens reached from the menu. */
export function createBackKeyboard(ctx: BotContext, screen = "main"): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t(screen === "main" ? "btn-main-menu" : "btn-back"), cb.menu.pack({ screen }));
}
