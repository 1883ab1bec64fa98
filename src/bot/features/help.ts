import { Composer, InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";
import { showScreen } from "../screen.js";

export const helpFeature = new Composer<BotContext>();

const helpScreen = (ctx: BotContext) => ({
  text: ctx.t("help"),
  keyboard: new InlineKeyboard()
    .text(ctx.t("helpdesk-btn-ask"), cb.helpdesk.pack({ action: "ask", id: "0" }))
    .append(createBackKeyboard(ctx)),
});

helpFeature.command("help", (ctx) => showScreen(ctx, helpScreen(ctx)));

helpFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "help") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, helpScreen(ctx));
});
