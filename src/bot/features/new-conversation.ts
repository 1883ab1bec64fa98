import { Composer } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";

export const newConversationFeature = new Composer<BotContext>();

async function startOver(ctx: BotContext) {
  await ctx.services.users.newConversation(ctx.account.id);
  // In a group the menu is not offered (its screens are private): the notice alone.
  const keyboard = ctx.chat?.type === "private" ? createBackKeyboard(ctx) : undefined;
  await ctx.reply(ctx.t("new-conversation"), { reply_markup: keyboard });
}

newConversationFeature.command("new", startOver);

newConversationFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "new") return next();
  await ctx.answerCallbackQuery();
  await startOver(ctx);
});
