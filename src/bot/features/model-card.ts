import { quotePrice } from "../../catalog/pricing.js";
import type { ModelSpec, ParamValue } from "../../catalog/types.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { inputKey } from "./inputs.js";
import { keyPart, paramsSummary } from "./param-labels.js";

/** The locale key of a product's one-line "best for" description (`gpt-5.2` → `model-best-for-gpt-5-2`). */
export function bestForKey(model: ModelSpec): string {
  return `model-best-for-${keyPart(model.slug)}`;
}

/**
 * The locale key of what the card tells the user to send: by kind and input ("send the text to speak",
 * "describe the scene"); the audio tools share kind and input but each wants something else, so by product.
 */
export function instructionKey(model: ModelSpec): string {
  if (model.kind === "audio") return `model-card-do-${keyPart(model.slug)}`;
  return `model-card-do-${model.kind}-${inputKey(model)}`;
}

/** The length parameter of a product priced per started minute of the user's recording (dubbing). */
function minutesParam(model: ModelSpec) {
  return model.params.find((p) => p.name === "minutes");
}

/** The card's head: name and vendor, what the model is best for, the price (and its range), the balance. */
export function modelCardHead(
  ctx: BotContext,
  model: ModelSpec,
  params: Record<string, ParamValue>,
  balance: number,
): string {
  const minutes = minutesParam(model);
  // Per minute: the price of one minute, not a range over lengths nobody chooses on the card.
  const quote = quotePrice(model, minutes ? { ...params, minutes: minutes.default } : params);
  const range =
    minutes || quote.min_token_cost === quote.max_token_cost
      ? ""
      : ctx.t("model-card-range", { min: quote.min_token_cost, max: quote.max_token_cost });
  return ctx.t("model-card", {
    name: escapeHtml(model.name),
    vendor: escapeHtml(model.vendor),
    bestFor: ctx.t(bestForKey(model)),
    price: quote.token_cost,
    unit: minutes ? "minute" : "request",
    range,
    balance,
  });
}

/** What the card tells the user once the model is selected: the chosen parameters, what to send, input limits. */
export function modelCardExtra(ctx: BotContext, model: ModelSpec, params: Record<string, ParamValue>): string {
  const lines: string[] = [];
  const summary = paramsSummary(ctx, model, params);
  if (summary) lines.push(ctx.t("model-card-params", { params: escapeHtml(summary) }));
  lines.push(ctx.t(instructionKey(model), { name: escapeHtml(model.name) }));
  if (model.maxInputSeconds !== undefined)
    lines.push(ctx.t("delivery-card-max-input", { minutes: Math.floor(model.maxInputSeconds / 60) }));
  return lines.join("\n");
}
