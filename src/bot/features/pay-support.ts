import { Composer } from "grammy";
import type { PaymentRow } from "../../storage/payments-repository.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { formatMinute, productName } from "./payment-texts.js";

/** Telegram requires bots that take payments to answer /paysupport; /terms shows the terms of sale. */
export const paySupportFeature = new Composer<BotContext>();

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The user's recent payments with their charge ids, as a block of lines. */
function paymentList(ctx: BotContext, t: Translate, payments: PaymentRow[]): string {
  if (payments.length === 0) return t("paysupport-none");
  const lines = payments.map((p) =>
    t("paysupport-line", {
      date: formatMinute(p.created_at),
      product: productName(ctx, p.product),
      stars: p.stars,
      charge: escapeHtml(p.charge_id),
      refunded: p.refunded_at === null ? "" : t("paysupport-refunded"),
    }),
  );
  return [t("paysupport-recent"), ...lines].join("\n");
}

paySupportFeature.command("paysupport", async (ctx) => {
  const { payments, config } = ctx.services;
  const recent = await payments.recent(ctx.account.id, 10);
  // Room for the header and the payment list within Telegram's 4096 characters.
  const message = ctx.match.trim().slice(0, 2500);
  if (message === "")
    return ctx.reply(ctx.t("paysupport", { payments: paymentList(ctx, ctx.t, recent) }), { parse_mode: "HTML" });

  // A request with text goes to every admin, with the payments they need to answer it.
  const from = ctx.from;
  const name = escapeHtml([from?.first_name, from?.username ? `@${from.username}` : ""].filter(Boolean).join(" "));
  let delivered = 0;
  const t: Translate = (key, vars) => ctx.services.i18n.t(config.defaultLocale, key, vars);
  for (const admin of config.adminIds) {
    const list = paymentList(ctx, t, recent);
    const text = t("paysupport-to-admin", {
      name,
      id: String(ctx.account.id),
      text: escapeHtml(message),
      payments: list,
    });
    await ctx.api
      .sendMessage(admin, text, { parse_mode: "HTML" })
      .then(() => delivered++)
      .catch((error) => ctx.logger.warn({ err: error, admin }, "support request not delivered"));
  }
  await ctx.reply(ctx.t(delivered > 0 ? "paysupport-sent" : "paysupport-unavailable"));
});

paySupportFeature.command("terms", (ctx) => ctx.reply(ctx.t("terms"), { parse_mode: "HTML" }));
