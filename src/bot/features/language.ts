import { Composer, InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import { registerChatCommands } from "../commands.js";
import type { BotContext } from "../context.js";
import { LOCALES, type Locale } from "../i18n.js";
import { createMainMenuKeyboard } from "../keyboards/main-menu.js";
import { showScreen } from "../screen.js";
import { SETTINGS_LANGUAGE, settingsScreen } from "./settings.js";

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

const LABELS = { ru: "🇷🇺 Русский", en: "🇬🇧 English" } as const;

/** `from`: "settings" when opened from Settings, which the screen then returns to. */
function languageScreen(ctx: BotContext, from = "") {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) {
    const mark = ctx.account.locale === locale ? "✅ " : "";
    keyboard.text(mark + LABELS[locale], cb.language.pack({ locale, from }));
  }
  if (from === "settings") keyboard.row().text(ctx.t("btn-back"), cb.menu.pack({ screen: "settings" }));
  else keyboard.row().text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }));
  return { text: ctx.t("language-choose"), keyboard };
}

export const languageFeature = new Composer<BotContext>();

languageFeature.command("language", (ctx) => showScreen(ctx, languageScreen(ctx)));

languageFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  const { screen } = cb.menu.unpack(ctx.callbackQuery.data);
  if (screen !== "language" && screen !== SETTINGS_LANGUAGE) return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, languageScreen(ctx, screen === SETTINGS_LANGUAGE ? "settings" : ""));
});

languageFeature.callbackQuery(cb.language.filter, async (ctx) => {
  const { locale, from } = cb.language.unpack(ctx.callbackQuery.data);
  if (!isLocale(locale)) return ctx.answerCallbackQuery();
  await ctx.services.users.setLocale(ctx.account.id, locale);
  ctx.account = { ...ctx.account, locale };
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery(ctx.t("language-set"));
  // The command menu of this chat follows the chosen language, whatever the Telegram app's language is.
  if (ctx.chat?.type === "private") {
    await registerChatCommands(ctx.api, ctx.services.i18n, locale, ctx.chat.id).catch((error) =>
      ctx.logger.warn({ err: error }, "chat commands not set"),
    );
  }
  if (from === "settings") return showScreen(ctx, settingsScreen(ctx));
  await showScreen(ctx, { text: ctx.t("language-set"), keyboard: createMainMenuKeyboard(ctx) });
});
