import type { BotContext } from "../context.js";

/** The lines /stats shows after the payment totals: users, activity, Stars, tokens, failures by provider, jobs in flight. */
export async function extendedStats(ctx: BotContext): Promise<string> {
  const { stats, catalog } = ctx.services;
  const now = Date.now();
  const [overview, outcomes] = await Promise.all([stats.overview(now), stats.outcomesByModel(now)]);
  const byProvider = new Map<string, { total: number; failed: number }>();
  for (const row of outcomes) {
    const provider = catalog.find(row.model)?.model.route.provider ?? "?";
    const sum = byProvider.get(provider) ?? { total: 0, failed: 0 };
    sum.total += Number(row.total);
    sum.failed += Number(row.failed ?? 0);
    byProvider.set(provider, sum);
  }
  const failures = [...byProvider.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, { total, failed }]) =>
      ctx.t("stats-growth-failure-line", { provider, failed, total, percent: Math.round((failed * 100) / total) }),
    );
  return ctx.t("stats-growth", { ...overview, failures: failures.join("\n") || ctx.t("stats-no-spending") });
}
