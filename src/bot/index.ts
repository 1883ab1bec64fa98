import { autoRetry } from "@grammyjs/auto-retry";
import { conversations, createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig, type Transformer } from "grammy";
import type { Logger } from "../logger.js";
import type { KeyValueStorage } from "../storage/conversation-state-storage.js";
import type { BotContext } from "./context.js";
import { HELP_QUESTION, helpQuestion } from "./conversations/help-question.js";
import { SUPPORT_REQUEST, supportRequest } from "./conversations/support-request.js";
import { adminFeature } from "./features/admin.js";
import { apiKeysFeature } from "./features/api-keys.js";
import { balanceFeature } from "./features/balance.js";
import { broadcastFeature } from "./features/broadcast.js";
import { broadcastOptOutFeature } from "./features/broadcast-opt-out.js";
import { buyFeature } from "./features/buy.js";
import { checkoutFeature } from "./features/checkout.js";
import { exportFeature } from "./features/export.js";
import { helpFeature } from "./features/help.js";
import { historyFeature } from "./features/history.js";
import { keptPromptFeature } from "./features/kept-prompt.js";
import { languageFeature } from "./features/language.js";
import { mediaInputFeature } from "./features/media-input.js";
import { modelsFeature } from "./features/models.js";
import { modelsHealthFeature } from "./features/models-health.js";
import { newConversationFeature } from "./features/new-conversation.js";
import { originalFileFeature } from "./features/original-file.js";
import { paySupportFeature } from "./features/pay-support.js";
import { paymentsAdminFeature } from "./features/payments-admin.js";
import { photoOfferFeature } from "./features/photo-offer.js";
import { plansFeature } from "./features/plans.js";
import { promoFeature } from "./features/promo.js";
import { promoAdminFeature } from "./features/promo-admin.js";
import { promptFeature } from "./features/prompt.js";
import { reconcileFeature } from "./features/reconcile.js";
import { referralFeature } from "./features/referral.js";
import { replyToResultFeature } from "./features/reply-to-result.js";
import { resultActionsFeature } from "./features/result-actions.js";
import { retryFeature } from "./features/retry.js";
import { settingsFeature } from "./features/settings.js";
import { startFeature } from "./features/start.js";
import { stopGenerationFeature } from "./features/stop-generation.js";
import { supportDeskFeature } from "./features/support-desk.js";
import { unhandledFeature } from "./features/unhandled.js";
import { silentAdminCommands, userAdminFeature } from "./features/user-admin.js";
import { groupGate } from "./groups/gate.js";
import { groupSettingsFeature } from "./groups/group-settings.js";
import { guestModeFeature } from "./groups/guest-mode.js";
import { privateOnlyFeature } from "./groups/private-only.js";
import type { Locale } from "./i18n.js";
import { accountMiddleware } from "./middlewares/account.js";
import { blockedGuard } from "./middlewares/blocked.js";
import { dedupeUpdates } from "./middlewares/dedupe-updates.js";
import { errorBoundary } from "./middlewares/error-boundary.js";
import { type Lanes, updateLanes } from "./middlewares/update-lanes.js";
import { servicesMiddleware } from "./middlewares/update-logger.js";
import type { Services } from "./services.js";
import type { ShownMessages } from "./shown-messages.js";

export interface CreateBotOptions {
  token: string;
  apiRoot: string;
  services: Services;
  i18n: I18n<BotContext>;
  logger: Logger;
  defaultLocale: Locale;
  botInfo?: BotConfig<BotContext>["botInfo"];
  conversationStorage: KeyValueStorage<never>;
  /** API transformers installed inside autoRetry, so they see every attempt (the updates monitor). */
  transformers?: Transformer[];
  /** Records an update id; false for one already handled (by this or another instance). */
  firstDelivery?: (updateId: number) => Promise<boolean>;
  /** The lanes updates other than payments share with the chat side of jobs (one set per process). */
  lanes?: Lanes;
  /** Counts each update by type (for `/metrics`). */
  updateSeen?: (type: string, duplicate: boolean) => void;
  /** The bot's messages as it last left them: no edit of a deleted message, none that changes nothing. */
  shownMessages?: ShownMessages;
}

/** The bot with every feature installed in order; `unhandled` last. */
export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot, timeoutSeconds: 60 },
  });
  bot.api.config.use(...(options.transformers ?? []));
  if (options.shownMessages) bot.api.config.use(options.shownMessages.transformer);
  // Bounded: an unbounded retry could hold an answerPreCheckoutQuery past its 10 s deadline.
  // Job results do not use this client: they wait out any flood wait (see delivery/chat-pace.ts).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 }));

  // Updates of one chat run in order (before anything awaits, so the order is the order of arrival);
  // a payment query (no chat) never waits behind them, nor for a lane.
  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  if (options.shownMessages) bot.use(options.shownMessages.middleware);
  bot.use(updateLanes(options.lanes));
  if (options.firstDelivery) bot.use(dedupeUpdates(options.firstDelivery, options.logger, options.updateSeen));
  bot.use(servicesMiddleware(options.services, options.logger));
  const protectedBot = bot.errorBoundary(errorBoundary);
  protectedBot.use(accountMiddleware(options.defaultLocale));
  protectedBot.use(options.i18n);
  protectedBot.use(blockedGuard);
  // Multi-step dialogs, persisted so they survive restarts; only in private chats (an update
  // without a chat, like a pre-checkout query, must never reach a conversation).
  const dialogs = protectedBot.filter((ctx) => ctx.chat?.type === "private");
  dialogs.use(
    conversations<BotContext, BotContext>({
      storage: { type: "key", version: 1, adapter: options.conversationStorage },
      plugins: [
        servicesMiddleware(options.services, options.logger),
        accountMiddleware(options.defaultLocale),
        options.i18n,
      ],
    }),
  );
  dialogs.use(createConversation(supportRequest, SUPPORT_REQUEST));
  dialogs.use(createConversation(helpQuestion, HELP_QUESTION));
  protectedBot.use(
    // Groups and guests first: what a group may see, and who may press what, is decided before any feature.
    groupGate,
    privateOnlyFeature,
    guestModeFeature,
    groupSettingsFeature,
    promoFeature,
    startFeature,
    stopGenerationFeature,
    helpFeature,
    balanceFeature,
    modelsFeature,
    languageFeature,
    settingsFeature,
    newConversationFeature,
    checkoutFeature,
    buyFeature,
    plansFeature,
    historyFeature,
    apiKeysFeature,
    paySupportFeature,
    supportDeskFeature,
    adminFeature,
    paymentsAdminFeature,
    modelsHealthFeature,
    reconcileFeature,
    referralFeature,
    promoAdminFeature,
    userAdminFeature,
    broadcastFeature,
    broadcastOptOutFeature,
    exportFeature,
    silentAdminCommands,
    originalFileFeature,
    mediaInputFeature,
    retryFeature,
    keptPromptFeature,
    resultActionsFeature,
    photoOfferFeature,
    replyToResultFeature,
    promptFeature,
    unhandledFeature,
  );
  bot.catch((error) =>
    options.logger.error({ err: error.error, update_id: error.ctx.update.update_id }, "unhandled bot error"),
  );
  return bot;
}
