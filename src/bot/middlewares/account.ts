import type { Middleware } from "grammy";
import type { BotContext } from "../context.js";
import { type Locale, pickLocale } from "../i18n.js";

const REFERRAL = /^\/start ref_(\d+)$/;

/**
 * A message that no person sent: a channel post, an anonymous group admin or a channel speaking in
 * a group (`sender_chat`, with a placeholder bot as `from`), another bot. There is no account to
 * serve or charge, so the features never see it.
 */
function senderlessMessage(ctx: BotContext): boolean {
  const { update } = ctx;
  if (update.channel_post || update.edited_channel_post) return true;
  const message = update.message ?? update.edited_message;
  if (!message) return false;
  return message.sender_chat !== undefined || message.from === undefined || message.from.is_bot;
}

/** Loads the sender's account for every update that has one, creating it on first contact. */
export function accountMiddleware(defaultLocale: Locale): Middleware<BotContext> {
  return async (ctx, next) => {
    if (senderlessMessage(ctx)) {
      ctx.logger.debug({ chat: ctx.chat?.id }, "message without a person as sender skipped");
      return;
    }
    const from = ctx.from;
    if (!from || from.is_bot) return next();
    const referral = ctx.message?.text?.match(REFERRAL)?.[1];
    const { user } = await ctx.services.accounts.open({
      id: from.id,
      // Notices go to the private chat, whose id is the user's: a group or a guest chat the user
      // last wrote from must never become where grants and refunds land.
      chatId: from.id,
      firstName: from.first_name,
      username: from.username,
      locale: pickLocale(from.language_code, defaultLocale),
      referrerId: referral ? Number(referral) : undefined,
    });
    ctx.account = user;
    return next();
  };
}
