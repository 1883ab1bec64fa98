import { InlineKeyboard } from "grammy";
import { InsufficientTokens, ModelLocked, RateLimited } from "../billing/errors.js";
import { InputTooLong, ModelUnavailable } from "../generation/engine.js";
import { cb } from "./callback-data.js";
import type { BotContext } from "./context.js";
import { shownMinute, shownTime } from "./formatting/date-time.js";
import { escapeHtml } from "./formatting/html.js";
import { cheapestPackages, packageButtonText } from "./keyboards/buy.js";
import type { Screen } from "./screen.js";

/** Turns a refusal the user can act on into a message with buttons; `undefined` for anything else. */
export function refusalScreen(ctx: BotContext, error: unknown): Screen | undefined {
  const name = (slug: string) => escapeHtml(ctx.services.catalog.find(slug)?.model.name ?? slug);
  if (error instanceof InsufficientTokens) {
    const keyboard = new InlineKeyboard();
    // The two cheapest packages as direct buy buttons: one tap to the invoice.
    for (const pkg of cheapestPackages(ctx, 2))
      keyboard.text(packageButtonText(ctx, pkg), cb.buy.pack({ pkg: pkg.id })).row();
    keyboard
      .text(ctx.t("btn-buy"), cb.menu.pack({ screen: "buy" }))
      .text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" }));
    return { text: ctx.t("error-insufficient-tokens", { price: error.price, balance: error.balance }), keyboard };
  }
  if (error instanceof RateLimited) {
    // Within the hour a time says it; a daily limit may reset tomorrow, so the date goes with it.
    const time = error.window === "hour" ? shownTime(error.resetsAt.getTime()) : shownMinute(error.resetsAt.getTime());
    // Either window: a higher plan has higher limits.
    const keyboard = new InlineKeyboard().text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" }));
    return { text: ctx.t(`error-rate-limited-${error.window}`, { limit: error.limit, time }), keyboard };
  }
  if (error instanceof ModelLocked) {
    return {
      // Names the model by its slug, as the answer footers do: the one that would have answered.
      text: ctx.t("ux-locked-prompt", { model: escapeHtml(error.model) }),
      keyboard: new InlineKeyboard().text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" })),
    };
  }
  if (error instanceof InputTooLong) {
    const minutes = (seconds: number) => Math.ceil(seconds / 60);
    return {
      text: ctx.t("delivery-input-too-long", {
        name: name(error.model),
        limit: minutes(error.limitSeconds),
        length: minutes(error.seconds),
      }),
    };
  }
  if (error instanceof ModelUnavailable) {
    return {
      text: ctx.t("error-model-unavailable", { name: name(error.model) }),
      keyboard: new InlineKeyboard().text(ctx.t("btn-models"), cb.menu.pack({ screen: "models" })),
    };
  }
  return undefined;
}
