import { Composer, InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { addBroadcastOptOutRow } from "../keyboards/broadcast-opt-out.js";
import { showScreen } from "../screen.js";

/** Auto-confirm thresholds offered in /settings. */
const AUTO_CONFIRM = [0, 1, 5, 10, 50] as const;

export function settingsScreen(ctx: BotContext) {
  const keyboard = new InlineKeyboard();
  for (const tokens of AUTO_CONFIRM) {
    const selected = ctx.account.auto_confirm === tokens ? "✅ " : "";
    keyboard.text(
      ctx.t("settings-auto-confirm", { selected, tokens }),
      cb.autoConfirm.pack({ tokens: String(tokens) }),
    );
  }
  addBroadcastOptOutRow(ctx, keyboard);
  keyboard.row().text(ctx.t("btn-language"), cb.menu.pack({ screen: "language" }));
  keyboard.row().text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }));
  return { text: ctx.t("settings", { tokens: ctx.account.auto_confirm }), keyboard };
}

export const settingsFeature = new Composer<BotContext>();

settingsFeature.command("settings", (ctx) => showScreen(ctx, settingsScreen(ctx)));

settingsFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "settings") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, settingsScreen(ctx));
});

settingsFeature.callbackQuery(cb.autoConfirm.filter, async (ctx) => {
  const tokens = Number(cb.autoConfirm.unpack(ctx.callbackQuery.data).tokens);
  if (!(AUTO_CONFIRM as readonly number[]).includes(tokens)) return ctx.answerCallbackQuery();
  await ctx.services.users.setAutoConfirm(ctx.account.id, tokens);
  ctx.account = { ...ctx.account, auto_confirm: tokens };
  await ctx.answerCallbackQuery(ctx.t("settings-saved"));
  await showScreen(ctx, settingsScreen(ctx));
});
