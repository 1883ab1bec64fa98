import { Composer, InlineKeyboard } from "grammy";
import type { UserRow } from "../../storage/users-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { shownMinute } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { productName } from "./payment-texts.js";
import { planName } from "./plan-name.js";
import { refundCharge } from "./refund-charge.js";

/** /user for ADMIN_IDS in private chats: one user's account, activity and the actions on it. */
export const userAdminFeature = new Composer<BotContext>();

const admins = userAdminFeature.chatType("private").filter(isAdmin);
const GRANT_AMOUNTS = [50, 100, 500, 1000] as const;

async function userCard(ctx: BotContext, user: UserRow): Promise<string> {
  const { ledger, payments, userAdmin } = ctx.services;
  const [balance, jobs, paid, requests] = await Promise.all([
    ledger.balance(user.id),
    userAdmin.recentJobs(user.id, 10),
    payments.recent(user.id, 5),
    userAdmin.requestCounts(user.id, Date.now()),
  ]);
  const none = ctx.t("user-admin-none");
  const jobLines = jobs.map((j) =>
    ctx.t("user-admin-job", {
      id: j.id,
      model: escapeHtml(j.model),
      status: j.status,
      price: j.price,
      date: shownMinute(j.created_at),
    }),
  );
  const paymentLines = paid.map((p) =>
    ctx.t("user-admin-payment", {
      date: shownMinute(p.created_at),
      stars: p.stars,
      product: productName(ctx, p.product),
      charge: escapeHtml(p.charge_id),
      refunded: p.refunded_at === null ? "" : ctx.t("user-admin-refunded"),
    }),
  );
  return ctx.t("user-admin-card", {
    id: String(user.id),
    name: escapeHtml(user.first_name),
    username: user.username ? `@${escapeHtml(user.username)}` : "—",
    plan: planName(ctx, user.plan),
    until: user.plan_expires_at === null ? "—" : shownMinute(user.plan_expires_at),
    total: balance.total,
    sub: balance.sub,
    pkg: balance.pkg,
    hour: requests.hour,
    day: requests.day,
    referrer: user.referrer_id === null ? "—" : String(user.referrer_id),
    blocked: user.blocked ? ctx.t("user-admin-blocked-yes") : ctx.t("user-admin-blocked-no"),
    joined: shownMinute(user.created_at),
    jobs: jobLines.join("\n") || none,
    payments: paymentLines.join("\n") || none,
  });
}

function userKeyboard(ctx: BotContext, user: UserRow): InlineKeyboard {
  const id = String(user.id);
  return new InlineKeyboard()
    .text(ctx.t("user-admin-btn-grant"), cb.userAdmin.pack({ action: "grant", id }))
    .text(ctx.t("user-admin-btn-refund"), cb.userAdmin.pack({ action: "refund", id }))
    .row()
    .text(
      user.blocked ? ctx.t("user-admin-btn-unblock") : ctx.t("user-admin-btn-block"),
      cb.userAdmin.pack({ action: user.blocked ? "unblock" : "block", id }),
    );
}

async function showUser(ctx: BotContext, user: UserRow, edit: boolean) {
  const text = await userCard(ctx, user);
  const options = { parse_mode: "HTML" as const, reply_markup: userKeyboard(ctx, user) };
  if (edit) await ctx.editMessageText(text, options).catch(() => ctx.reply(text, options));
  else await ctx.reply(text, options);
}

admins.command("user", async (ctx) => {
  const query = ctx.match.trim();
  if (!query) return ctx.reply(ctx.t("user-admin-usage"), { parse_mode: "HTML" });
  const user = await ctx.services.userAdmin.findByIdOrUsername(query);
  if (!user) return ctx.reply(ctx.t("user-admin-not-found", { query: escapeHtml(query) }), { parse_mode: "HTML" });
  await showUser(ctx, user, false);
});

admins.callbackQuery(cb.userAdmin.filter, async (ctx) => {
  const { action, id } = cb.userAdmin.unpack(ctx.callbackQuery.data);
  const { users, ledger, payments, i18n } = ctx.services;
  const user = await users.find(Number(id));
  if (!user) return ctx.answerCallbackQuery(ctx.t("user-admin-not-found", { query: id }));
  if (action === "grant") {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const tokens of GRANT_AMOUNTS) keyboard.text(`+${tokens}`, cb.userAdmin.pack({ action: `g${tokens}`, id }));
    return ctx.reply(ctx.t("user-admin-grant-pick", { id }), { reply_markup: keyboard });
  }
  const grant = /^g(\d+)$/.exec(action);
  if (grant) {
    const tokens = Number(grant[1]);
    if (!(GRANT_AMOUNTS as readonly number[]).includes(tokens)) return ctx.answerCallbackQuery();
    // One tap, one grant: a repeated delivery of the same callback query grants once.
    const key = `grant:cbq:${ctx.callbackQuery.id}`;
    const source = `admin:${ctx.from.id}`;
    const { applied, balance } = await ledger.credit({
      userId: user.id,
      bucket: "pkg",
      amount: tokens,
      key,
      kind: "grant",
      source,
    });
    const total = balance.sub + balance.pkg;
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("grant-done", { tokens, id, balance: total }));
    if (applied && user.id !== ctx.from.id) {
      const text = i18n.t(user.locale, "grant-received", { tokens, balance: total });
      await ctx.api.sendMessage(user.chat_id, text).catch(() => {});
    }
    return;
  }
  if (action === "refund") {
    await ctx.answerCallbackQuery();
    const [last] = await payments.recent(user.id, 1);
    if (!last || last.refunded_at !== null) return ctx.reply(ctx.t("user-admin-no-payment", { id }));
    const keyboard = new InlineKeyboard().text(
      ctx.t("user-admin-btn-confirm"),
      cb.userAdmin.pack({ action: "rc", id }),
    );
    const vars = { id, stars: last.stars, product: productName(ctx, last.product), charge: escapeHtml(last.charge_id) };
    return ctx.reply(ctx.t("user-admin-refund-confirm", vars), { parse_mode: "HTML", reply_markup: keyboard });
  }
  if (action === "rc") {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const [last] = await payments.recent(user.id, 1);
    if (!last || last.refunded_at !== null) return ctx.reply(ctx.t("user-admin-no-payment", { id }));
    return refundCharge(ctx, last.charge_id);
  }
  if (action === "block" || action === "unblock") {
    await users.setBlocked(user.id, action === "block");
    await ctx.answerCallbackQuery(ctx.t(action === "block" ? "user-admin-blocked-done" : "user-admin-unblocked-done"));
    return showUser(ctx, await users.get(user.id), true);
  }
  await ctx.answerCallbackQuery();
});

/** To anyone else the admin commands do not exist, and they get no answer at all (not even "not understood"). */
export const silentAdminCommands = new Composer<BotContext>();
silentAdminCommands.command(
  ["user", "promo_create", "promo_list", "promo_disable", "broadcast", "export"],
  (ctx) => void ctx.logger.info({ user: ctx.from?.id }, "admin command from a non-admin ignored"),
);
