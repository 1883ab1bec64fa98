import { Composer } from "grammy";
import type { ReconciledItem } from "../../billing/stars-reconciliation.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { escapeHtml } from "../formatting/html.js";

/** `/reconcile` for ADMIN_IDS, in private: compares Telegram's Stars transactions with the bot's records now. */
export const reconcileFeature = new Composer<BotContext>();

const admins = reconcileFeature.chatType("private").filter(isAdmin);

/** At most this many charges are listed per kind; the counts are always complete. */
const LISTED = 20;

admins.command("reconcile", async (ctx) => {
  const report = await ctx.services.reconciliation.run();
  const lines = (items: ReconciledItem[]) =>
    items
      .slice(0, LISTED)
      .map((item) =>
        ctx.t("money-reconcile-line", {
          charge: escapeHtml(item.chargeId),
          id: String(item.userId),
          stars: item.stars,
          tokens: item.tokens ?? 0,
        }),
      )
      .join("\n");
  const sections = [
    ctx.t("money-reconcile-report", {
      scanned: report.scanned,
      credited: report.credited.length,
      refunded: report.refunded.length,
      unrecognized: report.unrecognized.length,
      failed: report.failed.length,
    }),
  ];
  if (report.credited.length > 0) sections.push(ctx.t("money-reconcile-credited"), lines(report.credited));
  if (report.refunded.length > 0) sections.push(ctx.t("money-reconcile-refunded"), lines(report.refunded));
  if (report.unrecognized.length > 0) sections.push(ctx.t("money-reconcile-unrecognized"), lines(report.unrecognized));
  if (report.failed.length > 0) sections.push(ctx.t("money-reconcile-failed"), lines(report.failed));
  await ctx.reply(sections.join("\n"), { parse_mode: "HTML" });
});
