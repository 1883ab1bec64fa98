import { InlineKeyboard } from "grammy";
import type { PackageSpec } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

/** One button per package, two per row; each sends that package's Stars invoice. */
export function createBuyKeyboard(ctx: BotContext, back = "main"): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  ctx.services.catalog.packages.forEach((pkg, i) => {
    keyboard.text(packageButtonText(ctx, pkg), cb.buy.pack({ pkg: pkg.id }));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(ctx.t(back === "main" ? "btn-main-menu" : "btn-back"), cb.menu.pack({ screen: back }));
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
