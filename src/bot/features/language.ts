import { Composer, InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { LOCALES } from "../i18n.js";
import { createMainMenuKeyboard } from "../keyboards/main-menu.js";
import { showScreen } from "../screen.js";

const LABELS = { ru: "🇷🇺 Русский", en: "🇬🇧 English" } as const;

function languageScreen(ctx: BotContext) {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) {
    const mark = ctx.account.locale === locale ? "✅ " : "";
    keyboard.text(mark + LABELS[locale], cb.language.pack({ locale }));
  }
  keyboard.row().text(ctx.t("btn-main-menu"), cb.menu.pack({ screen: "main" }));
  return { text: ctx.t("language-choose"), keyboard };
}

export const languageFeature = new Composer<BotContext>();

languageFeature.command("language", (ctx) => showScreen(ctx, languageScreen(ctx)));

languageFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "language") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, languageScreen(ctx));
});

languageFeature.callbackQuery(cb.language.filter, async (ctx) => {
  const { locale } = cb.language.unpack(ctx.callbackQuery.data);
  if (!(LOCALES as readonly string[]).includes(locale)) return ctx.answerCallbackQuery();
  await ctx.services.users.setLocale(ctx.account.id, locale);
  ctx.account = { ...ctx.account, locale };
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery(ctx.t("language-set"));
  await showScreen(ctx, { text: ctx.t("language-set"), keyboard: createMainMenuKeyboard(ctx) });
});
