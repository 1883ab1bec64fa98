import { InlineKeyboard } from "grammy";
import type { ModelSpec, ParamValue } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";

/** What the card tells the user to send next, once the model is selected. */
export function modelCardExtra(ctx: BotContext, model: ModelSpec, _params: Record<string, ParamValue>): string {
  return ctx.t("model-card-text-ready", { name: escapeHtml(model.name) });
}

export function createModelCardKeyboard(
  ctx: BotContext,
  model: ModelSpec,
  _params: Record<string, ParamValue>,
  state: { unlocked: boolean; available: boolean },
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (!state.unlocked) keyboard.text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" })).row();
  keyboard.text(ctx.t("btn-back"), cb.category.pack({ kind: model.kind }));
  return keyboard;
}
