import { InlineKeyboard } from "grammy";
import { modelKinds } from "../../catalog/models/index.js";
import { quotePrice } from "../../catalog/pricing.js";
import type { ModelSpec } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { balancedRows, keyboardOf } from "./grid.js";

/** `ready`: runs on the user's plan now; `locked`: needs a paid plan; `unavailable`: cannot run now (no key, retired). */
export type ModelAccess = "ready" | "locked" | "unavailable";

export interface ListedModel {
  model: ModelSpec;
  access: ModelAccess;
}

const RANK: Record<ModelAccess, number> = { ready: 0, locked: 1, unavailable: 2 };
const MARK: Record<ModelAccess, string> = { ready: "", locked: "🔒 ", unavailable: "⛔ " };

/** What the user can run first, then what a plan would unlock, then what cannot run now; catalog order within each. */
export function orderByAccess(
  models: readonly ModelSpec[],
  accessOf: (model: ModelSpec) => ModelAccess,
): ListedModel[] {
  return models
    .map((model, index) => ({ model, access: accessOf(model), index }))
    .sort((a, b) => RANK[a.access] - RANK[b.access] || a.index - b.index)
    .map(({ model, access }) => ({ model, access }));
}

/** The categories two a row, then the way back to the main menu. */
export function createCategoriesKeyboard(ctx: BotContext): InlineKeyboard {
  const kinds = modelKinds.map((kind) => InlineKeyboard.text(ctx.t(`category-${kind}`), cb.category.pack({ kind })));
  const back = InlineKeyboard.text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }));
  return keyboardOf([...balancedRows(kinds, 2), [back]]);
}

/** "5" for a fixed price, "5–13" for a range. */
export function priceLabel(model: ModelSpec): string {
  const q = quotePrice(model, {});
  return q.min_token_cost === q.max_token_cost ? String(q.min_token_cost) : `${q.min_token_cost}–${q.max_token_cost}`;
}

/**
 * A category's models, one a row by display name with price and 🔒/⛔ (✅ on the selected one), in
 * `orderByAccess` order; the back row last.
 */
export function createModelListKeyboard(
  ctx: BotContext,
  listed: readonly ListedModel[],
  selected: string | null,
): InlineKeyboard {
  const rows = listed.map(({ model, access }) => {
    const mark = MARK[access] || (selected === model.slug ? "✅ " : "");
    const text = ctx.t("model-button", { lock: mark, name: model.name, price: priceLabel(model) });
    return [InlineKeyboard.text(text, cb.model.pack({ slug: model.slug }))];
  });
  return keyboardOf([...rows, [InlineKeyboard.text(ctx.t("btn-back"), cb.menu.pack({ screen: "models" }))]]);
}
