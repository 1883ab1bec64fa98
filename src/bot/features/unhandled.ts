import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** Last in the chain: answers every callback query and tells the user what the bot understands. */
export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.on("callback_query", (ctx) => ctx.answerCallbackQuery(ctx.t("callback-unknown")));

unhandledFeature.on("message", (ctx) => {
  if (ctx.chat.type !== "private") return;
  return ctx.reply(ctx.t("unhandled"));
});
