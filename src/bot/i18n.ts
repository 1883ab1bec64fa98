import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { BotContext } from "./context.js";

export type Locale = "ru" | "en";
export const LOCALES: readonly Locale[] = ["ru", "en"];

/**
 * The build copies `locales/` next to the compiled code (`dist/locales`, one level up from
 * `dist/bot/`), so `dist/` runs on its own; from source they are at the repository root.
 */
export function resolveLocalesDir(moduleUrl: string = import.meta.url): string {
  const compiled = fileURLToPath(new URL("../locales", moduleUrl));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL("../../locales", moduleUrl));
}

const localesDir = resolveLocalesDir();

/** ru or en from a Telegram `language_code` (`en-US` → en); anything else → the default. */
export function pickLocale(languageCode: string | undefined, fallback: Locale): Locale {
  const base = languageCode?.toLowerCase().split("-")[0];
  return base === "ru" || base === "en" ? base : fallback;
}

/** Fluent translations from `locales/*.ftl`, the locale taken from the user's account. */
export function createI18n(defaultLocale: Locale) {
  const i18n = new I18n<BotContext>({
    defaultLocale,
    directory: localesDir,
    useSession: false,
    // Isolation marks (U+2068/U+2069) around variables would end up inside Telegram entities.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.account?.locale ?? pickLocale(ctx.from?.language_code, defaultLocale),
  });
  rememberBundleMatches(i18n);
  return i18n;
}

type BundleMatcher = { matchBundles(locales: readonly string[]): unknown };

/**
 * The library negotiates the language again on every `t()` (a profile of /balance showed it);
 * the bundles are all loaded by now, so the answer for a locale never changes: remember it.
 */
function rememberBundleMatches(i18n: I18n<BotContext>): void {
  const fluent = i18n.fluent as unknown as BundleMatcher;
  const match = fluent.matchBundles.bind(fluent);
  const matches = new Map<string, unknown>();
  fluent.matchBundles = (locales) => {
    const key = locales.join(",");
    if (!matches.has(key)) matches.set(key, match(locales));
    return matches.get(key);
  };
}
