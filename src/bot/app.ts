import { type RunnerHandle, run } from "@grammyjs/runner";
import { Api, type Transformer } from "grammy";
import type { Accounts } from "../billing/accounts.js";
import { createApiKeys } from "../billing/api-keys.js";
import type { Ledger } from "../billing/ledger.js";
import { loadPayloadSecrets } from "../billing/payload-secrets.js";
import { combineHooks } from "../billing/payment-hooks.js";
import { createPromos } from "../billing/promos.js";
import { createReferrals } from "../billing/referrals.js";
import { createStarsPayments } from "../billing/stars-payments.js";
import { createStarsReconciler } from "../billing/stars-reconciliation.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { createGenerationEngine } from "../generation/engine.js";
import { createHelpDesk } from "../generation/help-desk.js";
import { createModelHealth } from "../generation/model-health.js";
import { createOutputRouter } from "../generation/output-router.js";
import type { JobOrigin, JobOutput } from "../generation/types.js";
import type { HttpServer } from "../http/server.js";
import type { Logger } from "../logger.js";
import { jobLatency, resubmissions, updatesHandled } from "../metrics.js";
import { createModelListings } from "../providers/model-listings.js";
import type { Providers } from "../providers/types.js";
import { createApiKeysRepository } from "../storage/api-keys-repository.js";
import { createBroadcastsRepository } from "../storage/broadcasts-repository.js";
import { createConversationStateStorage } from "../storage/conversation-state-storage.js";
import type { Storage } from "../storage/database.js";
import { createExportRepository } from "../storage/export-repository.js";
import { createGenerationsRepository } from "../storage/generations-repository.js";
import { createGroupSettingsRepository } from "../storage/group-settings-repository.js";
import { createHelpQuestionsRepository } from "../storage/help-questions-repository.js";
import { createKeptPromptsRepository } from "../storage/kept-prompts-repository.js";
import { createLedgerHistoryRepository } from "../storage/ledger-history-repository.js";
import { createMessagesRepository } from "../storage/messages-repository.js";
import { createModelHealthRepository } from "../storage/model-health-repository.js";
import { createProcessedUpdatesRepository } from "../storage/processed-updates-repository.js";
import { createSettingsRepository } from "../storage/settings-repository.js";
import { createStatsRepository } from "../storage/stats-repository.js";
import { createUserAdminRepository } from "../storage/user-admin-repository.js";
import { createUsersRepository } from "../storage/users-repository.js";
import { createBroadcastSender } from "./broadcasts/sender.js";
import { registerCommands } from "./commands.js";
import { countTooMany } from "./count-429.js";
import { createHealthNotices } from "./delivery/health-notices.js";
import { createJobOutput } from "./delivery/job-output.js";
import { createOperatorAlerts } from "./delivery/operator-alerts.js";
import { createI18n } from "./i18n.js";
import { createBot } from "./index.js";
import { createLanes } from "./middlewares/update-lanes.js";
import type { Services } from "./services.js";
import { createShownMessages } from "./shown-messages.js";
import { createReconciliationJob } from "./stars-reconciliation.js";
import { reachTelegram } from "./startup-telegram.js";
import { createUpdatesMonitor } from "./updates-health.js";
import { mountWebhook } from "./webhook.js";

export interface BotAppDeps {
  config: Config;
  logger: Logger;
  storage: Storage;
  catalog: Catalog;
  ledger: Ledger;
  accounts: Accounts;
  providers: Providers;
  clock: Clock;
  /** Outputs of jobs other fronts start (the developer API's), picked by each job's origin. */
  outputs?: Partial<Record<Exclude<JobOrigin, "telegram">, JobOutput>>;
}

/** Builds the bot with its services and job engine; `start` resumes jobs and begins taking updates. */
export async function createBotApp(deps: BotAppDeps) {
  const { config, logger, storage, catalog, ledger, accounts, providers, clock } = deps;
  const now = () => clock.now().getTime();
  const users = createUsersRepository(storage.db);
  const messages = createMessagesRepository(storage.db, now);
  const generations = createGenerationsRepository(storage.db, now);
  const i18n = createI18n(config.defaultLocale);
  const updates = createUpdatesMonitor();
  // One memory of the bot's messages for both clients: a job's result deletes what a press may still edit.
  const shownMessages = createShownMessages();

  const referrals = createReferrals({
    storage,
    ledger,
    clock,
    percent: config.referralPercent,
    days: config.referralDays,
  });
  const promos = createPromos(storage, ledger, clock);
  const payments = createStarsPayments({
    storage,
    ledger,
    accounts,
    clock,
    catalog,
    secrets: await loadPayloadSecrets(createSettingsRepository(storage.db, now), {
      configured: config.payloadSecret,
      botToken: config.botToken,
    }),
    starsPerRub: config.starsPerRub,
    starsPriceOverrides: config.starsPriceOverrides,
    hooks: combineHooks(referrals.hooks, promos.hooks),
  });
  const history = createLedgerHistoryRepository(storage.db);
  const health = createModelHealth({
    catalog,
    listings: createModelListings(config.providers),
    clock,
    logger,
    onChange: (changes) => notifyAdmins(changes),
    store: createModelHealthRepository(storage.db),
  });
  const apiKeys = createApiKeys(createApiKeysRepository(storage.db, now));

  const services = {
    config,
    storage,
    catalog,
    ledger,
    accounts,
    users,
    generations,
    payments,
    history,
    health,
    i18n,
    apiKeys,
    referrals,
    promos,
    userAdmin: createUserAdminRepository(storage.db),
    broadcastsRepo: createBroadcastsRepository(storage.db, now),
    stats: createStatsRepository(storage.db),
    exports: createExportRepository(storage.db),
    groupSettings: createGroupSettingsRepository(storage.db, now),
    keptPrompts: createKeptPromptsRepository(storage.db, now),
  } as Services;
  services.helpDesk = createHelpDesk({
    catalog,
    providers,
    // The engine is made below; by the time anyone asks, it exists.
    isAvailable: (slug) => services.engine.isAvailable(slug),
    questions: createHelpQuestionsRepository(storage.db, now),
  });
  const lanes = createLanes();
  const bot = createBot({
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    services,
    i18n,
    logger,
    defaultLocale: config.defaultLocale,
    conversationStorage: createConversationStateStorage<never>(storage.db, now),
    transformers: [updates.transformer, countTooMany],
    lanes,
    firstDelivery: createProcessedUpdatesRepository(storage.db, now).firstDelivery,
    updateSeen: (type, duplicate) => updatesHandled.inc({ type, duplicate: String(duplicate) }),
    shownMessages,
  });
  const adminMessages = {
    api: bot.api,
    i18n,
    users,
    adminIds: config.adminIds,
    defaultLocale: config.defaultLocale,
    logger,
  };
  const telegramOutput = createJobOutput({
    lanes,
    // Its own client, without auto-retry's bound: a paid result waits out any flood wait (per chat,
    // in the background), and a draft or progress edit that hits one is dropped, never repeated.
    api: withTransformers(
      new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 60 }),
      countTooMany,
      shownMessages.transformer,
    ),
    i18n,
    catalog,
    users,
    generations,
    logger,
    botToken: config.botToken,
    apiRoot: config.telegramApiRoot,
    localApiServer: config.telegramLocalApi,
    alerts: createOperatorAlerts({ ...adminMessages, now }),
  });
  const notifyAdmins = createHealthNotices(adminMessages);
  services.reconciliation = createReconciliationJob({
    reconciler: createStarsReconciler({
      payments,
      accounts,
      logger,
      defaultLocale: config.defaultLocale,
      listTransactions: async (offset, limit) => (await bot.api.getStarTransactions({ offset, limit })).transactions,
    }),
    api: bot.api,
    users,
    i18n,
    logger,
  });
  const output = createOutputRouter({ ...deps.outputs, telegram: telegramOutput });
  services.broadcasts = createBroadcastSender({ repo: services.broadcastsRepo, users, api: bot.api, i18n, logger });
  services.engine = createGenerationEngine({
    repo: generations,
    ledger,
    accounts,
    catalog,
    providers,
    messages,
    users,
    clock,
    logger,
    output,
    health,
    lease: { owner: config.instanceId, ms: config.jobLeaseMs },
    metrics: {
      resubmitted: (provider) => resubmissions.inc({ provider }),
      jobEnded: (job, outcome, ms) => jobLatency.observe({ product: job.model, outcome }, ms / 1000),
    },
  });

  let runner: RunnerHandle | undefined;

  return {
    bot,
    services,
    /** Resumes jobs and begins taking updates: polling, or the webhook mounted on `http`. */
    async start(http: HttpServer) {
      // Start-up fails with one line instead of hanging when the Bot API does not answer.
      const reach = reachTelegram(config);
      await reach((signal) => bot.init(signal));
      await reach(() =>
        registerCommands(bot.api, i18n, config.defaultLocale).catch((error) =>
          logger.warn({ err: error }, "setMyCommands failed"),
        ),
      );
      // Before any update is taken: a product whose upstream is gone is never quoted.
      await health.start();
      const resumed = await services.engine.resume();
      if (resumed > 0) logger.info({ resumed }, "resumed generations left in flight");
      services.engine.startPolling();
      // In the background: a payment whose successful_payment never arrived is credited within moments of start.
      services.reconciliation.start();
      await services.broadcasts.resume();
      if (config.botMode === "webhook") {
        const url = await reach((signal) => mountWebhook(bot, config, http, logger, signal));
        updates.webhookSet(bot.api, url);
        return;
      }
      await reach((signal) => bot.api.deleteWebhook(undefined, signal));
      updates.pollingStarted();
      runner = run(bot, { runner: { fetch: { allowed_updates: [] } } });
    },
    /** Whether updates are arriving (for `/healthz`). */
    receivingUpdates: () =>
      updates.receiving(config.botMode === "polling" ? (runner ?? { isRunning: () => false }) : undefined),
    async stop() {
      services.reconciliation.stop();
      if (runner?.isRunning()) await runner.stop();
      await health.stop();
      await services.engine.stop();
      await services.broadcasts.stop();
    },
  };
}

function withTransformers(api: Api, ...transformers: Transformer[]): Api {
  api.config.use(...transformers);
  return api;
}
