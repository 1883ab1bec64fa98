import { Composer } from "grammy";
import type { PackageSpec } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { createBuyKeyboard } from "../keyboards/buy.js";
import { type Screen, showScreen } from "../screen.js";

/** The packages with their Stars prices. */
export function buyScreen(ctx: BotContext): Screen {
  const { catalog, payments } = ctx.services;
  const list = catalog.packages
    .map((pkg) =>
      ctx.t("buy-line", {
        name: escapeHtml(pkg.name),
        tokens: pkg.tokens,
        stars: payments.prices.package(pkg.id) ?? 0,
      }),
    )
    .join("\n");
  return { text: ctx.t("buy-screen", { list }), keyboard: createBuyKeyboard(ctx) };
}

/** A Stars invoice for one package: XTR, one price, no provider token, a payload signed for this buyer. */
export async function sendPackageInvoice(ctx: BotContext, pkg: PackageSpec) {
  const { payments } = ctx.services;
  const stars = payments.prices.package(pkg.id);
  if (stars === undefined) return ctx.reply(ctx.t("buy-unknown-package"));
  const payload = payments.invoicePayload("pkg", pkg.id, ctx.account.id);
  const vars = { name: pkg.name, tokens: pkg.tokens };
  return ctx.replyWithInvoice(
    ctx.t("invoice-package-title", vars),
    ctx.t("invoice-package-description", vars),
    payload,
    "XTR",
    [{ label: ctx.t("invoice-package-label", vars), amount: stars }],
  );
}

export const buyFeature = new Composer<BotContext>();

buyFeature.command("buy", (ctx) => showScreen(ctx, buyScreen(ctx)));

buyFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "buy") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, buyScreen(ctx));
});

buyFeature.callbackQuery(cb.buy.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  const id = cb.buy.unpack(ctx.callbackQuery.data).pkg;
  const pkg = ctx.services.catalog.packages.find((p) => p.id === id);
  if (!pkg) return ctx.reply(ctx.t("buy-unknown-package"));
  await sendPackageInvoice(ctx, pkg);
});
