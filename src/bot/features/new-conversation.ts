import { Composer } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

export const newConversationFeature = new Composer<BotContext>();

async function startOver(ctx: BotContext) {
  await ctx.services.users.newConversation(ctx.account.id);
  await ctx.reply(ctx.t("new-conversation"));
}

newConversationFeature.command("new", startOver);

newConversationFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "new") return next();
  await ctx.answerCallbackQuery();
  await startOver(ctx);
});
