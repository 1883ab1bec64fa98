import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { escapeHtml } from "../formatting/html.js";
import { refundCharge } from "./refund-charge.js";
import { extendedStats } from "./stats-extended.js";

/** /refund and /stats for ADMIN_IDS only; to anyone else they do not exist (the unhandled feature answers). */
export const paymentsAdminFeature = new Composer<BotContext>();

const admins = paymentsAdminFeature.filter(isAdmin);

admins.command("refund", async (ctx) => {
  const chargeId = ctx.match.trim();
  if (!/^\S{1,128}$/.test(chargeId)) return ctx.reply(ctx.t("refund-usage"), { parse_mode: "HTML" });
  await refundCharge(ctx, chargeId);
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
  const extended = await extendedStats(ctx);
  await ctx.reply(`${ctx.t("stats", { users: userCount, ...totals, models })}\n\n${extended}`, { parse_mode: "HTML" });
});
