import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";

/** /referral: the user's invite link, a share button and what the link brought in (private chats only). */
export const referralFeature = new Composer<BotContext>();

const privateChats = referralFeature.chatType("private");

privateChats.command("referral", async (ctx) => {
  const { referrals, config } = ctx.services;
  const link = `https://t.me/${ctx.me.username}?start=ref_${ctx.account.id}`;
  const stats = await referrals.stats(ctx.account.id);
  const share = new URL("https://t.me/share/url");
  share.searchParams.set("url", link);
  share.searchParams.set("text", ctx.t("referral-share-text"));
  const keyboard = new InlineKeyboard().url(ctx.t("referral-btn-share"), share.toString());
  const text = ctx.t("referral-screen", {
    link: escapeHtml(link),
    percent: config.referralPercent,
    days: config.referralDays,
    ...stats,
  });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
});

/** Tells the referrer about a reward a just-credited payment earned (after it committed). */
export async function notifyReferralReward(ctx: BotContext, chargeId: string): Promise<void> {
  const { referrals, users, ledger, i18n } = ctx.services;
  const reward = await referrals.rewardFor(chargeId);
  if (!reward) return;
  const referrer = await users.find(reward.referrer_id);
  if (!referrer) return;
  const balance = await ledger.balance(referrer.id);
  const text = i18n.t(referrer.locale, "referral-reward", {
    name: escapeHtml(ctx.from?.first_name ?? ""),
    tokens: reward.tokens,
    balance: balance.total,
  });
  await ctx.api
    .sendMessage(referrer.chat_id, text, { parse_mode: "HTML" })
    .catch((error) => ctx.logger.warn({ err: error, referrer: referrer.id }, "referral notice not delivered"));
}
