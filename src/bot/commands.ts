import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { BotContext } from "./context.js";
import { LOCALES, type Locale } from "./i18n.js";

/** The public commands, in menu order; admin commands are not advertised. */
export const COMMANDS = [
  "start",
  "models",
  "balance",
  "buy",
  "plans",
  "new",
  "settings",
  "language",
  "help",
  "terms",
  "paysupport",
  "api",
  "referral",
] as const;

/** Registers the command menu in both languages, and the default language for everyone else. */
export async function registerCommands(api: Api, i18n: I18n<BotContext>, defaultLocale: Locale): Promise<void> {
  const list = (locale: Locale) =>
    COMMANDS.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
  for (const locale of LOCALES) await api.setMyCommands(list(locale), { language_code: locale });
  await api.setMyCommands(list(defaultLocale));
  await registerGroupAdminCommands(api, i18n, defaultLocale);
}

/** Group admins see /groupsettings in their menu too; everyone else's menu stays as it is. */
async function registerGroupAdminCommands(api: Api, i18n: I18n<BotContext>, defaultLocale: Locale) {
  const scope = { type: "all_chat_administrators" as const };
  const list = (locale: Locale) =>
    [...COMMANDS, "groupsettings"].map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
  for (const locale of LOCALES) await api.setMyCommands(list(locale), { scope, language_code: locale });
  await api.setMyCommands(list(defaultLocale), { scope });
}
