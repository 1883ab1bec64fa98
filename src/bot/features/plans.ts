import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { PlanSpec } from "../../catalog/types.js";
import type { UserRow } from "../../storage/users-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { shownDay } from "../formatting/date-time.js";
import { createPlansKeyboard } from "../keyboards/plans.js";
import { type Screen, showScreen } from "../screen.js";
import { planLimits } from "./payment-texts.js";

/** Telegram's one allowed subscription period: 30 days. */
const SUBSCRIPTION_PERIOD = 2_592_000;

interface Subscription {
  plan: PlanSpec;
  expiresAt: number;
  chargeId: string | null;
  canceled: boolean;
}

/** The paid plan in force for this user, after any lapse; `undefined` on Starter. */
async function activeSubscription(ctx: BotContext): Promise<Subscription | undefined> {
  const plan = await ctx.services.accounts.currentPlan(ctx.account.id);
  const user: UserRow = await ctx.services.users.get(ctx.account.id);
  if (plan.id === "starter" || user.plan_expires_at === null) return undefined;
  return { plan, expiresAt: user.plan_expires_at, chargeId: user.plan_charge_id, canceled: user.plan_canceled === 1 };
}

export async function plansScreen(ctx: BotContext, notice?: string): Promise<Screen> {
  const { catalog, payments } = ctx.services;
  const sub = await activeSubscription(ctx);
  const list = catalog.plans
    .filter((p) => p.priceRub > 0)
    .map((p) =>
      ctx.t("plans-line", {
        name: p.name,
        tokens: p.monthlyTokens,
        limits: planLimits(ctx, p),
        stars: payments.prices.plan(p.id) ?? 0,
      }),
    )
    .join("\n");
  const starter = catalog.plans.find((p) => p.id === "starter");
  const current = !sub
    ? ctx.t("plans-current-starter", { limits: starter ? planLimits(ctx, starter) : "" })
    : ctx.t(sub.canceled ? "plans-current-canceled" : "plans-current-renews", {
        name: sub.plan.name,
        date: shownDay(sub.expiresAt),
      });
  const text = ctx.t("plans-screen", { list, current }) + (notice ? `\n\n${notice}` : "");
  const renewal = !sub?.chargeId ? "none" : sub.canceled ? "off" : "on";
  return { text, keyboard: createPlansKeyboard(ctx, { plan: sub?.plan.id ?? "starter", renewal }) };
}

/** One plan in detail with a Stars subscription link, unless a renewing plan must be cancelled first. */
async function planCard(ctx: BotContext, plan: PlanSpec): Promise<Screen> {
  const { payments } = ctx.services;
  const stars = payments.prices.plan(plan.id) ?? 0;
  const limits = planLimits(ctx, plan);
  const sub = await activeSubscription(ctx);
  const back = new InlineKeyboard().text(ctx.t("btn-back"), cb.menu.pack({ screen: "plans" }));
  const card = (action: string) =>
    ctx.t("plan-card", { name: plan.name, tokens: plan.monthlyTokens, limits, stars, action });
  if (sub && !sub.canceled) {
    return {
      text: card(ctx.t("plan-card-switch", { current: sub.plan.name, date: shownDay(sub.expiresAt) })),
      keyboard: back,
    };
  }
  if (sub && sub.plan.id === plan.id && sub.chargeId) {
    const keyboard = new InlineKeyboard()
      .text(ctx.t("btn-plan-resume"), cb.planCancel.pack({ confirm: "resume" }))
      .append(back);
    return { text: card(ctx.t("plan-card-resume", { current: sub.plan.name })), keyboard };
  }
  const vars = { name: plan.name, tokens: plan.monthlyTokens, limits };
  const link = await ctx.api.createInvoiceLink(
    ctx.t("invoice-plan-title", vars),
    ctx.t("invoice-plan-description", vars),
    payments.invoicePayload("plan", plan.id, ctx.account.id),
    "",
    "XTR",
    [{ label: ctx.t("invoice-plan-label", vars), amount: stars }],
    { subscription_period: SUBSCRIPTION_PERIOD },
  );
  const keyboard = new InlineKeyboard().url(ctx.t("btn-plan-subscribe", { stars }), link).append(back);
  return { text: card(ctx.t("plan-card-pay")), keyboard };
}

export const plansFeature = new Composer<BotContext>();

plansFeature.command("plans", async (ctx) => showScreen(ctx, await plansScreen(ctx)));

plansFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "plans") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, await plansScreen(ctx));
});

plansFeature.callbackQuery(cb.plan.filter, async (ctx) => {
  const id = cb.plan.unpack(ctx.callbackQuery.data).id;
  const plan = ctx.services.catalog.plans.find((p) => p.id === id && p.priceRub > 0);
  await ctx.answerCallbackQuery();
  await showScreen(ctx, plan ? await planCard(ctx, plan) : await plansScreen(ctx));
});

/** Cancel (after a confirmation) or resume the renewal; the plan always stays to the end of the paid period. */
plansFeature.callbackQuery(cb.planCancel.filter, async (ctx) => {
  const step = cb.planCancel.unpack(ctx.callbackQuery.data).confirm;
  const sub = await activeSubscription(ctx);
  if (!sub?.chargeId) {
    await ctx.answerCallbackQuery(ctx.t("plan-no-subscription"));
    return showScreen(ctx, await plansScreen(ctx));
  }
  const date = shownDay(sub.expiresAt);
  if (step === "ask") {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard()
      .text(ctx.t("btn-plan-cancel-confirm"), cb.planCancel.pack({ confirm: "yes" }))
      .row()
      .text(ctx.t("btn-back"), cb.menu.pack({ screen: "plans" }));
    return showScreen(ctx, { text: ctx.t("plan-cancel-ask", { name: sub.plan.name, date }), keyboard });
  }
  const cancel = step !== "resume";
  try {
    await ctx.api.editUserStarSubscription(ctx.account.id, sub.chargeId, cancel);
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.logger.warn({ err: error, charge: sub.chargeId }, "editUserStarSubscription failed");
    return ctx.answerCallbackQuery(ctx.t("plan-change-failed"));
  }
  await ctx.services.users.setPlanCanceled(ctx.account.id, cancel);
  await ctx.answerCallbackQuery();
  const notice = ctx.t(cancel ? "plan-canceled" : "plan-resumed", { name: sub.plan.name, date });
  await showScreen(ctx, await plansScreen(ctx, notice));
});

/** Bot API 10.2: the user cancelled, re-enabled, or failed to pay a subscription in Telegram itself. */
plansFeature.on("subscription", async (ctx) => {
  const update = ctx.update.subscription;
  const planId = ctx.services.payments.planOfPayload(update.invoice_payload, update.user.id);
  const sub = await activeSubscription(ctx);
  ctx.logger.info({ state: update.state, plan: planId }, "subscription update");
  // A subscription to a plan that is no longer the current one changes nothing here.
  if (!planId || !sub || sub.plan.id !== planId) return;
  const vars = { name: sub.plan.name, date: shownDay(sub.expiresAt) };
  const canceled = update.state === "canceled";
  if (update.state !== "failed") {
    if (sub.canceled === canceled) return; // already known, e.g. changed with our own button
    await ctx.services.users.setPlanCanceled(ctx.account.id, canceled);
  }
  const key =
    update.state === "failed" ? "subscription-failed" : canceled ? "subscription-canceled" : "subscription-active";
  await ctx.api.sendMessage(ctx.account.chat_id, ctx.t(key, vars), { parse_mode: "HTML" });
});
