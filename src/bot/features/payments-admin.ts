import { Composer, GrammyError } from "grammy";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { escapeHtml } from "../formatting/html.js";
import { formatMinute, productName } from "./payment-texts.js";

/** /refund and /stats for ADMIN_IDS only; to anyone else they do not exist (the unhandled feature answers). */
export const paymentsAdminFeature = new Composer<BotContext>();

const admins = paymentsAdminFeature.filter(isAdmin);

/**
 * Refunds through Telegram first, then takes the tokens back: a crash in between is repaired by
 * running /refund again (Telegram then answers CHARGE_ALREADY_REFUNDED and the clawback runs once).
 */
admins.command("refund", async (ctx) => {
  const { payments, ledger, users, i18n } = ctx.services;
  const chargeId = ctx.match.trim();
  if (!/^\S{1,128}$/.test(chargeId)) return ctx.reply(ctx.t("refund-usage"), { parse_mode: "HTML" });
  const charge = escapeHtml(chargeId);
  const payment = await payments.find(chargeId);
  if (!payment) return ctx.reply(ctx.t("refund-not-found", { charge }), { parse_mode: "HTML" });
  if (payment.refunded_at !== null) {
    return ctx.reply(ctx.t("refund-already", { charge, date: formatMinute(payment.refunded_at) }), {
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
    const date = formatMinute(outcome.payment.refunded_at ?? Date.now());
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
});

admins.command("stats", async (ctx) => {
  const { users, payments, generations } = ctx.services;
  const [userCount, totals, spent] = await Promise.all([users.count(), payments.totals(), generations.spentByModel()]);
  const models = spent.length
    ? spent
        .slice(0, 25)
        .map((row) =>
          ctx.t("stats-model-line", {
            model: escapeHtml(row.model),
            tokens: Number(row.tokens),
            count: Number(row.count),
          }),
        )
        .join("\n")
    : ctx.t("stats-no-spending");
  await ctx.reply(ctx.t("stats", { users: userCount, ...totals, models }), { parse_mode: "HTML" });
});
