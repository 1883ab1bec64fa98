import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { quotePrice, resolveParams } from "../../catalog/pricing.js";
import type { ModelSpec, ParamSpec, ParamValue } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { AUTO_PARAMS, paramLabel, paramValueLabel } from "../features/param-labels.js";
import { balancedRows, keyboardOf } from "./grid.js";

/** How many option buttons share a row on the card. */
const PER_ROW = 4;

/**
 * The card's buttons: per parameter a row naming it ("Duration:"), then its values (the chosen one
 * marked, each with the price it leads to when the prices differ); then Plans when locked, and back.
 */
export function createModelCardKeyboard(
  ctx: BotContext,
  model: ModelSpec,
  params: Record<string, ParamValue>,
  state: { unlocked: boolean; available: boolean },
): InlineKeyboard {
  const rows: InlineKeyboardButton[][] = [];
  if (state.unlocked && state.available) {
    const resolved = resolveParams(model, params);
    for (const spec of model.params) {
      if (AUTO_PARAMS.has(spec.name)) continue;
      const label = ctx.t("param-row-label", { label: paramLabel(ctx, model, spec.name) });
      rows.push([InlineKeyboard.text(label, cb.paramInfo.pack({ slug: model.slug, name: spec.name }))]);
      rows.push(...balancedRows(optionButtons(ctx, model, spec, resolved), PER_ROW));
    }
  }
  if (!state.unlocked) rows.push([InlineKeyboard.text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" }))]);
  rows.push([InlineKeyboard.text(ctx.t("btn-back"), cb.category.pack({ kind: model.kind }))]);
  return keyboardOf(rows);
}

/** "✅ 5 s · 15", "9 s · 27": a parameter's values; the price only when it differs between them. */
function optionButtons(
  ctx: BotContext,
  model: ModelSpec,
  spec: ParamSpec,
  resolved: Record<string, ParamValue>,
): InlineKeyboardButton[] {
  const prices = spec.options.map((option) => quotePrice(model, { ...resolved, [spec.name]: option }).token_cost);
  const pricesDiffer = new Set(prices).size > 1;
  return spec.options.map((option, index) => {
    const chosen = resolved[spec.name] === option ? "✅ " : "";
    const price = pricesDiffer ? ` · ${prices[index]}` : "";
    const text = `${chosen}${paramValueLabel(ctx, spec.name, option)}${price}`;
    return InlineKeyboard.text(text, cb.param.pack({ slug: model.slug, name: spec.name, index: String(index) }));
  });
}
