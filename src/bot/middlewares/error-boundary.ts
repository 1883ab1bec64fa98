import type { BotError } from "grammy";
import type { BotContext } from "../context.js";
import { refusalScreen } from "../refusals.js";

/**
 * Turns refusals into their messages and anything else into a generic apology plus a log line
 * with the update id; internals never reach the user.
 */
export async function errorBoundary(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  const refusal = ctx.account ? refusalScreen(ctx, error.error) : undefined;
  if (!refusal) ctx.logger?.error({ err: error.error, update_id: ctx.update.update_id }, "update failed");
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
    if (ctx.chat?.type !== "private") return;
    const text = refusal?.text ?? (ctx.account ? ctx.t("error-generic") : "😔");
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: refusal?.keyboard });
  } catch (notice) {
    ctx.logger?.warn({ err: notice }, "could not tell the user about an error");
  }
}
