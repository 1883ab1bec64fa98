import { Composer } from "grammy";
import type { RedeemOutcome } from "../../billing/promos.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";

/** /promo CODE and the deep link `start=promo_CODE` (private chats only). */
export const promoFeature = new Composer<BotContext>();

const privateChats = promoFeature.chatType("private");
const CODE = /^[A-Za-z0-9_-]{1,32}$/;

async function redeem(ctx: BotContext, code: string): Promise<void> {
  const outcome = await ctx.services.promos.redeem(code, ctx.account.id);
  ctx.logger.info({ code: outcome.code, status: outcome.status }, "promo code");
  await ctx.reply(promoText(ctx, outcome), { parse_mode: "HTML" });
}

function promoText(ctx: BotContext, outcome: RedeemOutcome): string {
  const code = escapeHtml(outcome.code);
  if (outcome.status === "granted")
    return ctx.t("promo-granted", { code, tokens: outcome.tokens, balance: outcome.balance });
  if (outcome.status === "bonus") return ctx.t("promo-bonus-waiting", { code, percent: outcome.percent });
  return ctx.t(`promo-${outcome.status}`, { code });
}

privateChats.command("promo", async (ctx) => {
  const code = ctx.match.trim();
  if (!CODE.test(code)) return ctx.reply(ctx.t("promo-usage"), { parse_mode: "HTML" });
  await redeem(ctx, code);
});

// Redeems, then lets /start show the main screen as usual.
privateChats.command("start", async (ctx, next) => {
  const code = /^promo_(.+)$/.exec(ctx.match.trim())?.[1];
  if (code && CODE.test(code)) await redeem(ctx, code);
  return next();
});

/** The receipt's extra line when a purchase used up a bonus code, empty otherwise. */
export async function promoBonusLine(ctx: BotContext, chargeId: string): Promise<string> {
  const bonus = await ctx.services.promos.bonusFor(chargeId);
  return bonus ? ctx.t("promo-bonus-applied", { code: escapeHtml(bonus.code), tokens: bonus.tokens }) : "";
}
