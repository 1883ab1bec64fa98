import type { BotContext } from "../context.js";
import { promoBonusLine } from "./promo.js";
import { notifyReferralReward } from "./referral.js";

/** After a payment is credited: the promo bonus it received (to the buyer) and the referral reward (to the referrer). */
export async function announcePaymentExtras(ctx: BotContext, chargeId: string): Promise<void> {
  const bonus = await promoBonusLine(ctx, chargeId);
  if (bonus) await ctx.reply(bonus, { parse_mode: "HTML" });
  await notifyReferralReward(ctx, chargeId);
}
