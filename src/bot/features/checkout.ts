import { Composer } from "grammy";
import type { PaymentOutcome } from "../../billing/payments.js";
import type { BotContext } from "../context.js";
import { shownDay } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { offerKeptPrompt } from "./kept-prompt.js";
import { announcePaymentExtras } from "./payment-extras.js";
import { productName } from "./payment-texts.js";

/**
 * The money path: pre-checkout answered at once (no chat, so never queued behind a generation or
 * other updates), and `successful_payment` credited exactly once per charge id with a receipt.
 */
export const checkoutFeature = new Composer<BotContext>();

checkoutFeature.on("pre_checkout_query", async (ctx) => {
  const query = ctx.preCheckoutQuery;
  let reason: string | undefined;
  try {
    const verdict = await ctx.services.payments.checkPreCheckout({
      userId: query.from.id,
      currency: query.currency,
      totalAmount: query.total_amount,
      payload: query.invoice_payload,
    });
    if (!verdict.ok) reason = verdict.reason;
  } catch (error) {
    // An unanswered query fails the payment after 10 s anyway: decline now, with a reason.
    ctx.logger.error({ err: error }, "pre-checkout check failed");
    reason = "error";
  }
  ctx.logger.info({ payload: query.invoice_payload, amount: query.total_amount, ok: !reason, reason }, "pre-checkout");
  if (!reason) return void (await ctx.answerPreCheckoutQuery(true));
  await ctx.answerPreCheckoutQuery(false, ctx.t(`precheckout-${reason}`));
});

checkoutFeature.on("message:successful_payment", async (ctx) => {
  const payment = ctx.message.successful_payment;
  let outcome: PaymentOutcome;
  try {
    // Recorded before anything else; crediting follows (exactly once per charge id).
    outcome = await ctx.services.payments.recordPayment(payment, ctx.from.id);
  } catch (error) {
    // The hourly reconciliation credits it from Telegram's own list; this line is how an admin finds it now.
    ctx.logger.error(
      { err: error, charge: payment.telegram_payment_charge_id, user: ctx.from.id, stars: payment.total_amount },
      "payment not credited",
    );
    await ctx.reply(ctx.t("money-payment-delayed", { charge: escapeHtml(payment.telegram_payment_charge_id) }), {
      parse_mode: "HTML",
    });
    return;
  }
  const log = { charge: payment.telegram_payment_charge_id, stars: payment.total_amount, status: outcome.status };
  if (outcome.status === "unrecognized")
    ctx.logger.error({ ...log, payload: payment.invoice_payload }, "payment for no known product");
  else ctx.logger.info({ ...log, product: outcome.payment.product }, "payment recorded");
  await ctx.reply(receipt(ctx, outcome), { parse_mode: "HTML" });
  if (outcome.status !== "credited") return;
  await announcePaymentExtras(ctx, payment.telegram_payment_charge_id);
  // The credit has committed: a request refused for want of tokens can run now.
  // The payment is done whatever happens here: a failed offer is logged, never shown as an error.
  await offerKeptPrompt(ctx).catch((error) => ctx.logger.warn({ err: error }, "kept prompt not offered"));
});

function receipt(ctx: BotContext, outcome: PaymentOutcome): string {
  const { payment, balance } = outcome;
  const charge = escapeHtml(payment.charge_id);
  if (outcome.status === "duplicate") return ctx.t("payment-duplicate", { balance: balance.total });
  if (outcome.status === "unrecognized") return ctx.t("payment-unrecognized", { stars: payment.stars, charge });
  const vars = {
    name: productName(ctx, payment.product),
    tokens: payment.tokens,
    stars: payment.stars,
    balance: balance.total,
    charge,
  };
  if (payment.kind === "package") return ctx.t("payment-receipt-package", vars);
  const date = shownDay(payment.subscription_expires_at ?? Date.now());
  return ctx.t(payment.is_recurring ? "payment-receipt-renewal" : "payment-receipt-plan", { ...vars, date });
}
