import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "../logger.js";
import type { UserRow } from "../storage/users-repository.js";
import type { Services } from "./services.js";

/** What every handler can reach: services, a per-update logger, the sender's account, translations. */
export interface ExtraContext {
  services: Services;
  logger: Logger;
  /** Loaded (and created on first contact) for every update that has a sender. */
  account: UserRow;
  /** In a group or guest chat: the addressed message's prompt, the bot's mention cut out. */
  groupPrompt?: string;
}

export type BotContext = ConversationFlavor<Context & I18nFlavor & ExtraContext>;
