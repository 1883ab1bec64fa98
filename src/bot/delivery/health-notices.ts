import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { HealthChange } from "../../generation/model-health.js";
import type { Logger } from "../../logger.js";
import type { UsersRepository } from "../../storage/users-repository.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import type { Locale } from "../i18n.js";

export interface HealthNoticeDeps {
  api: Api;
  i18n: I18n<BotContext>;
  users: UsersRepository;
  adminIds: readonly number[];
  defaultLocale: Locale;
  logger: Logger;
}

/** Tells every admin, in their own language, about each product whose availability or upstream changed. */
export function createHealthNotices(deps: HealthNoticeDeps) {
  const { api, i18n, users, logger } = deps;
  return async (changes: HealthChange[]): Promise<void> => {
    for (const admin of deps.adminIds) {
      // An admin who never wrote to the bot has no account: the default language, and Telegram may refuse the chat.
      const locale = (await users.find(admin))?.locale ?? deps.defaultLocale;
      for (const change of changes) {
        const vars = {
          name: escapeHtml(change.model.name),
          slug: escapeHtml(change.model.slug),
          provider: change.model.route.provider,
          upstream: escapeHtml(change.upstream),
          route: escapeHtml(change.model.route.upstream),
        };
        const key = noticeKey(change);
        await api
          .sendMessage(admin, i18n.t(locale, key, vars), { parse_mode: "HTML" })
          .catch((error) => logger.warn({ err: error, admin, model: change.model.slug }, "health notice not sent"));
      }
    }
  };
}

/** Gone; back; moved to a fallback; or back from a fallback to its own upstream. */
function noticeKey(change: HealthChange): string {
  if (!change.available) return "health-notice-unavailable";
  if (change.upstream !== change.model.route.upstream) return "health-notice-fallback";
  return change.wasAvailable ? "health-notice-primary" : "health-notice-available";
}
