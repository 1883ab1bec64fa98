import { InlineKeyboard } from "grammy";
import { quotePrice, resolveParams } from "../../catalog/pricing.js";
import type { ModelSpec, ParamValue } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { inputKey } from "./inputs.js";

/** How many option buttons share a row on the card. */
const PER_ROW = 4;

/** Parameters the bot sets from the input itself (dubbing: the source's length), never offered as buttons. */
export const AUTO_PARAMS: ReadonlySet<string> = new Set(["minutes"]);

/** What the card tells the user to send next, once the model is selected. */
export function modelCardExtra(ctx: BotContext, model: ModelSpec, params: Record<string, ParamValue>): string {
  const name = escapeHtml(model.name);
  if (model.kind === "text") return ctx.t("model-card-text-ready", { name });
  const lines: string[] = [];
  if (model.params.length > 0) lines.push(ctx.t("model-card-params", { params: paramsSummary(ctx, model, params) }));
  lines.push(ctx.t(`model-card-send-${inputKey(model)}`));
  if (model.maxInputSeconds !== undefined)
    lines.push(ctx.t("delivery-card-max-input", { minutes: Math.floor(model.maxInputSeconds / 60) }));
  return lines.join("\n");
}

/** "size: 1792x1024 · quality: hd". */
export function paramsSummary(ctx: BotContext, model: ModelSpec, params: Record<string, ParamValue>): string {
  const resolved = resolveParams(model, params);
  return model.params
    .filter((p) => !AUTO_PARAMS.has(p.name))
    .map((p) => `${paramLabel(ctx, p.name)}: ${valueLabel(resolved[p.name] ?? p.default)}`)
    .join(" · ");
}

function paramLabel(ctx: BotContext, name: string): string {
  const key = `param-${name.replace(/_/g, "-")}`;
  const label = ctx.t(key);
  return label === key ? name : label;
}

function valueLabel(value: ParamValue): string {
  if (value === true) return "✓";
  if (value === false) return "✗";
  return String(value);
}

/** The card's buttons: each parameter's options (the chosen one marked, each with its resulting price), then back. */
export function createModelCardKeyboard(
  ctx: BotContext,
  model: ModelSpec,
  params: Record<string, ParamValue>,
  state: { unlocked: boolean; available: boolean },
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (state.unlocked && state.available) {
    const resolved = resolveParams(model, params);
    for (const spec of model.params) {
      if (AUTO_PARAMS.has(spec.name)) continue;
      const prices = spec.options.map((option) => quotePrice(model, { ...resolved, [spec.name]: option }).token_cost);
      const pricesDiffer = new Set(prices).size > 1;
      spec.options.forEach((option, index) => {
        const chosen = resolved[spec.name] === option;
        const label = `${chosen ? "✅ " : ""}${valueLabel(option)}${pricesDiffer ? ` · ${prices[index]}` : ""}`;
        keyboard.text(label, cb.param.pack({ slug: model.slug, name: spec.name, index: String(index) }));
        if ((index + 1) % PER_ROW === 0 && index + 1 < spec.options.length) keyboard.row();
      });
      keyboard.row();
    }
  }
  if (!state.unlocked) keyboard.text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" })).row();
  keyboard.text(ctx.t("btn-back"), cb.category.pack({ kind: model.kind }));
  return keyboard;
}
