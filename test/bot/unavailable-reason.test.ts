import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { unavailableLine } from "../../src/bot/features/unavailable-reason.js";
import { createI18n, LOCALES } from "../../src/bot/i18n.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { allModels } from "../../src/catalog/models/index.js";

const i18n = createI18n("en");
const catalog = createCatalog();

describe.each(LOCALES)("an unavailable product's card in %s", (locale) => {
  const ctx = { t: (key: string, vars?: Record<string, string>) => i18n.t(locale, key, vars) } as unknown as BotContext;

  it.each(allModels.filter((m) => m.route.unavailable).map((m) => [m.slug, m] as const))(
    "%s says why, translated",
    (_slug, model) => {
      const line = unavailableLine(ctx, model);
      expect(line).toMatch(/^⛔ /);
      expect(line).not.toContain("routes-unavailable");
      expect(line).not.toBe(unavailableLine(ctx, catalog.get("gpt-5-nano")));
    },
  );

  it("shows an operator's reason inside a localized line, escaped", () => {
    const routed = catalog.withRoutes({ "veo-3.1": { unavailable: "Veo <paused>" } }).get("veo-3.1");
    const line = unavailableLine(ctx, routed);
    expect(line).toContain("Veo &lt;paused&gt;");
    expect(line).toBe(i18n.t(locale, "routes-unavailable-operator", { reason: "Veo &lt;paused&gt;" }));
  });

  it("falls back to the generic line for a product unavailable for another reason", () => {
    expect(unavailableLine(ctx, catalog.get("gpt-5-nano"))).toBe(i18n.t(locale, "model-card-unavailable"));
  });
});

describe("the Sora 2 reason", () => {
  it("differs between the languages", () => {
    const sora = catalog.get("sora-2");
    const line = (locale: string) =>
      unavailableLine(
        { t: (key: string, vars?: Record<string, string>) => i18n.t(locale, key, vars) } as unknown as BotContext,
        sora,
      );
    expect(line("en")).toMatch(/Sora 2/);
    expect(line("ru")).toMatch(/Sora 2/);
    expect(line("en")).not.toBe(line("ru"));
  });
});
