import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { planLimits } from "../../src/bot/features/payment-texts.js";
import { createI18n, LOCALES } from "../../src/bot/i18n.js";
import { packages } from "../../src/catalog/packages.js";
import { paidPlans } from "../../src/catalog/plans.js";

const i18n = createI18n("en");

/** Telegram's invoice limits: title 1–32 characters, description 1–255, price label non-empty. */
describe.each(LOCALES)("invoice texts in %s", (locale) => {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const ctx = { t } as unknown as BotContext;

  it.each(packages.map((p) => [p.id, p] as const))("package %s fits", (_id, pkg) => {
    const vars = { name: pkg.name, tokens: pkg.tokens };
    expect(t("invoice-package-title", vars).length).toBeLessThanOrEqual(32);
    expect(t("invoice-package-description", vars).length).toBeLessThanOrEqual(255);
    expect(t("invoice-package-label", vars)).not.toBe("");
  });

  it.each(paidPlans.map((p) => [p.id, p] as const))("plan %s fits", (_id, plan) => {
    const vars = { name: plan.name, tokens: plan.monthlyTokens, limits: planLimits(ctx, plan) };
    expect(t("invoice-plan-title", vars).length).toBeLessThanOrEqual(32);
    expect(t("invoice-plan-description", vars).length).toBeLessThanOrEqual(255);
    expect(t("invoice-plan-label", vars)).not.toBe("");
  });

  it.each(["currency", "invalid", "not-yours", "unknown-product", "price-changed", "plan-active", "error"])(
    "has a pre-checkout message for %s",
    (reason) => {
      const text = t(`precheckout-${reason}`);
      expect(text).not.toMatch(/precheckout-/);
      expect(text.length).toBeGreaterThan(10);
    },
  );
});
