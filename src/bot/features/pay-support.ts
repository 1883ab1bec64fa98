import { Composer, InlineKeyboard } from "grammy";
import type { PaymentRow } from "../../storage/payments-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { SUPPORT_REQUEST } from "../conversations/support-request.js";
import { sendToAdmins } from "../delivery/admin-messages.js";
import { shownMinute } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";
import { productName } from "./payment-texts.js";
import { supportTag } from "./support-desk.js";

/** Telegram requires bots that take payments to answer /paysupport; /terms shows the terms of sale. */
export const paySupportFeature = new Composer<BotContext>();

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The user's recent payments with their charge ids, as a block of lines. */
function paymentList(ctx: BotContext, t: Translate, payments: PaymentRow[], title = "paysupport-recent"): string {
  if (payments.length === 0) return t(title === "paysupport-recent" ? "paysupport-none" : "helpdesk-user-no-payments");
  const lines = payments.map((p) =>
    t("paysupport-line", {
      date: shownMinute(p.created_at),
      product: productName(ctx, p.product),
      stars: p.stars,
      charge: escapeHtml(p.charge_id),
      refunded: p.refunded_at === null ? "" : t("paysupport-refunded"),
    }),
  );
  return [t(title), ...lines].join("\n");
}

/**
 * Sends a user's support request to every admin, in the admin's own language, with the user's
 * payments and a Reply button; true if one got it.
 */
export async function forwardToSupport(ctx: BotContext, text: string): Promise<boolean> {
  const { payments, config, users, i18n } = ctx.services;
  const recent = await payments.recent(ctx.account.id, 10);
  const from = ctx.from;
  const name = escapeHtml([from?.first_name, from?.username ? `@${from.username}` : ""].filter(Boolean).join(" "));
  // Room for the header and the payment list within Telegram's 4096 characters.
  const message = text.trim().slice(0, 2500);
  const { adminIds, defaultLocale } = config;
  const adminDeps = { api: ctx.api, i18n, users, adminIds, defaultLocale, logger: ctx.logger };
  const delivered = await sendToAdmins(adminDeps, "support request", (t) => [
    {
      text: t("helpdesk-to-admin", {
        name,
        id: String(ctx.account.id),
        tag: supportTag(ctx.account.id),
        text: escapeHtml(message),
        payments: paymentList(ctx, t, recent, "helpdesk-user-payments"),
      }),
      other: {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard().text(
          t("helpdesk-btn-reply"),
          cb.helpdesk.pack({ action: "reply", id: String(ctx.account.id) }),
        ),
      },
    },
  ]);
  return delivered > 0;
}

paySupportFeature.command("paysupport", async (ctx) => {
  const message = ctx.match.trim();
  if (message === "") {
    const recent = await ctx.services.payments.recent(ctx.account.id, 10);
    const keyboard = new InlineKeyboard()
      .text(ctx.t("btn-write-support"), cb.support.pack({ action: "write" }))
      .append(createBackKeyboard(ctx));
    return ctx.reply(ctx.t("paysupport", { payments: paymentList(ctx, ctx.t, recent) }), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  }
  const sent = await forwardToSupport(ctx, message);
  await ctx.reply(ctx.t(sent ? "paysupport-sent" : "paysupport-unavailable"), {
    reply_markup: createBackKeyboard(ctx),
  });
});

paySupportFeature.callbackQuery(cb.support.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (cb.support.unpack(ctx.callbackQuery.data).action === "write") await ctx.conversation.enter(SUPPORT_REQUEST);
});

paySupportFeature.command("terms", (ctx) =>
  ctx.reply(ctx.t("terms"), {
    parse_mode: "HTML",
    // The menu shows the balance: offered only in the user's own chat.
    reply_markup: ctx.chat.type === "private" ? createBackKeyboard(ctx) : undefined,
  }),
);
