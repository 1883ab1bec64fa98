import type { Middleware } from "grammy";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";

/**
 * A user an admin blocked gets one line and nothing runs. A successful payment still goes through:
 * Telegram has already taken the Stars, so it is recorded and credited like any other.
 */
export const blockedGuard: Middleware<BotContext> = async (ctx, next) => {
  if (!ctx.account?.blocked || isAdmin(ctx) || ctx.message?.successful_payment) return next();
  ctx.logger.info({ user: ctx.account.id }, "blocked user's update ignored");
  if (ctx.preCheckoutQuery) return void (await ctx.answerPreCheckoutQuery(false, ctx.t("blocked-notice")));
  if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: ctx.t("blocked-notice") }));
  if (ctx.chat?.type === "private" && ctx.message) await ctx.reply(ctx.t("blocked-notice"));
};
