import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { Logger } from "../../logger.js";
import type { UsersRepository } from "../../storage/users-repository.js";
import type { BotContext } from "../context.js";

/** Translates into one admin's language. */
export type AdminTranslate = (key: string, vars?: Record<string, string | number>) => string;

/** One message to an admin; `log` is added to the warning if Telegram refuses it. */
export interface AdminMessage {
  text: string;
  other?: Parameters<Api["sendMessage"]>[2];
  log?: Record<string, unknown>;
}

/** What sending to the admins needs: the bot's API, ADMIN_IDS, and their languages. */
export interface AdminMessagesDeps {
  api: Api;
  i18n: I18n<BotContext>;
  users: Pick<UsersRepository, "find">;
  adminIds: readonly number[];
  defaultLocale: string;
  logger: Logger;
}

/**
 * Sends every admin the messages `compose` writes in that admin's language (the default language
 * for an admin who never wrote to the bot, who has no account). A refusal (Telegram may not know
 * the chat) is logged as `what` and never stops the others. Resolves to how many messages got through.
 */
export async function sendToAdmins(
  deps: AdminMessagesDeps,
  what: string,
  compose: (t: AdminTranslate) => AdminMessage[],
): Promise<number> {
  let delivered = 0;
  for (const admin of deps.adminIds) {
    const locale = (await deps.users.find(admin))?.locale ?? deps.defaultLocale;
    for (const message of compose((key, vars) => deps.i18n.t(locale, key, vars))) {
      await deps.api
        .sendMessage(admin, message.text, message.other)
        .then(() => delivered++)
        .catch((error) => deps.logger.warn({ err: error, admin, ...message.log }, `${what} not delivered`));
    }
  }
  return delivered;
}
