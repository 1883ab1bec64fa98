import { InlineKeyboard } from "grammy";
import type { PackageSpec } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { balancedRows, keyboardOf } from "./grid.js";

/** One button per package, two per row; each sends that package's Stars invoice. */
export function createBuyKeyboard(ctx: BotContext, back = "main"): InlineKeyboard {
  const packages = ctx.services.catalog.packages.map((pkg) =>
    InlineKeyboard.text(packageButtonText(ctx, pkg), cb.buy.pack({ pkg: pkg.id })),
  );
  return keyboardOf([
    ...balancedRows(packages, 2),
    [InlineKeyboard.text(ctx.t(back === "main" ? "btn-main-menu" : "btn-back"), cb.menu.pack({ screen: back }))],
  ]);
}

export function packageButtonText(ctx: BotContext, pkg: PackageSpec): string {
  const stars = ctx.services.payments.prices.package(pkg.id) ?? 0;
  return ctx.t("btn-package", { name: pkg.name, tokens: pkg.tokens, stars });
}

/** The cheapest packages by Stars price, for the out-of-tokens refusal. */
export function cheapestPackages(ctx: BotContext, count: number): PackageSpec[] {
  const { prices } = ctx.services.payments;
  return [...ctx.services.catalog.packages]
    .sort((a, b) => (prices.package(a.id) ?? Infinity) - (prices.package(b.id) ?? Infinity))
    .slice(0, count);
}
