import { Composer } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { createMainMenuKeyboard } from "../keyboards/main-menu.js";
import { type Screen, showScreen } from "../screen.js";
import { planName } from "./plan-name.js";

export async function mainScreen(ctx: BotContext): Promise<Screen> {
  const balance = await ctx.services.ledger.balance(ctx.account.id);
  const text = ctx.t("start-welcome", {
    name: escapeHtml(ctx.from?.first_name ?? ""),
    plan: planName(ctx, ctx.account.plan),
    balance: balance.total,
  });
  return { text, keyboard: createMainMenuKeyboard(ctx) };
}

export const startFeature = new Composer<BotContext>();

startFeature.command("start", async (ctx) => showScreen(ctx, await mainScreen(ctx)));

startFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "main") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, await mainScreen(ctx));
});
