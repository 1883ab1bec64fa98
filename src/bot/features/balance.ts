import { Composer } from "grammy";
import { remainingRequests } from "../../billing/limits.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { shownDay } from "../formatting/date-time.js";
import { createBalanceKeyboard } from "../keyboards/balance.js";
import { type Screen, showScreen } from "../screen.js";

export async function balanceScreen(ctx: BotContext): Promise<Screen> {
  const { ledger, accounts } = ctx.services;
  const { plan, balance } = await accounts.planAndBalance(ctx.account.id);
  // The account as this update loaded it (and lapsed it, if its plan had ended).
  const user = ctx.account;
  const left = remainingRequests(plan, { lastDay: await ledger.usage(user.id) }, Date.now());
  const unlimited = ctx.t("balance-unlimited");
  const until = user.plan_expires_at ? ctx.t("balance-until", { date: shownDay(user.plan_expires_at) }) : "";
  const text = ctx.t("balance", {
    total: balance.total,
    sub: balance.sub,
    pkg: balance.pkg,
    plan: plan.name,
    until,
    hour: left.hour ?? unlimited,
    day: left.day ?? unlimited,
  });
  return { text, keyboard: createBalanceKeyboard(ctx) };
}

export const balanceFeature = new Composer<BotContext>();

balanceFeature.command("balance", async (ctx) => showScreen(ctx, await balanceScreen(ctx)));

balanceFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "balance") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, await balanceScreen(ctx));
});
