import { GrammyError } from "grammy";
import type { BotContext } from "../context.js";
import { shownMinute } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { productName } from "./payment-texts.js";

/**
 * Refunds through Telegram first, then takes the tokens back: a crash in between is repaired by
 * running /refund again (Telegram then answers CHARGE_ALREADY_REFUNDED and the clawback runs once).
 */
export async function refundCharge(ctx: BotContext, chargeId: string): Promise<unknown> {
  const { payments, ledger, users, i18n } = ctx.services;
  const charge = escapeHtml(chargeId);
  const payment = await payments.find(chargeId);
  if (!payment) return ctx.reply(ctx.t("refund-not-found", { charge }), { parse_mode: "HTML" });
  if (payment.refunded_at !== null) {
    return ctx.reply(ctx.t("refund-already", { charge, date: shownMinute(payment.refunded_at) }), {
      parse_mode: "HTML",
    });
  }
  try {
    await ctx.api.refundStarPayment(payment.user_id, chargeId);
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    if (!error.description.includes("CHARGE_ALREADY_REFUNDED")) {
      ctx.logger.warn({ err: error, charge: chargeId }, "refundStarPayment failed");
      return ctx.reply(ctx.t("refund-failed", { reason: escapeHtml(error.description) }), { parse_mode: "HTML" });
    }
  }
  const outcome = await payments.refund(chargeId);
  if (outcome.status === "not-found") return ctx.reply(ctx.t("refund-not-found", { charge }), { parse_mode: "HTML" });
  if (outcome.status === "already") {
    const date = shownMinute(outcome.payment.refunded_at ?? Date.now());
    return ctx.reply(ctx.t("refund-already", { charge, date }), { parse_mode: "HTML" });
  }
  ctx.logger.info(
    { charge: chargeId, user: payment.user_id, taken: outcome.taken, missing: outcome.missing },
    "payment refunded",
  );
  if (outcome.planEnded) {
    // The refunded charge paid for the current cycle: stop Telegram from charging it again.
    await ctx.api
      .editUserStarSubscription(payment.user_id, chargeId, true)
      .catch((error) =>
        ctx.logger.warn({ err: error, charge: chargeId }, "could not cancel the refunded subscription"),
      );
  }
  const product = productName(ctx, payment.product);
  const planEnded = outcome.planEnded ? ctx.t("refund-plan-ended") : "";
  const vars = {
    stars: payment.stars,
    id: String(payment.user_id),
    product,
    taken: outcome.taken,
    missing: outcome.missing,
  };
  await ctx.reply(ctx.t("refund-done", { ...vars, planEnded }), { parse_mode: "HTML" });

  const target = await users.find(payment.user_id);
  if (target && target.id !== ctx.from?.id) {
    const balance = await ledger.balance(target.id);
    const text = i18n.t(target.locale, "refund-received", { ...vars, balance: balance.total });
    await ctx.api.sendMessage(target.chat_id, text, { parse_mode: "HTML" }).catch(() => {});
  }
}
