import { createServer, type Server } from "node:http";
import { type RunnerHandle, run } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { Accounts } from "../billing/accounts.js";
import type { Ledger } from "../billing/ledger.js";
import { combineHooks } from "../billing/payment-hooks.js";
import { createPromos } from "../billing/promos.js";
import { createReferrals } from "../billing/referrals.js";
import { createStarsPayments } from "../billing/stars-payments.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { createGenerationEngine } from "../generation/engine.js";
import type { Logger } from "../logger.js";
import type { Providers } from "../providers/types.js";
import { createBroadcastsRepository } from "../storage/broadcasts-repository.js";
import { createConversationStateStorage } from "../storage/conversation-state-storage.js";
import type { Storage } from "../storage/database.js";
import { createGenerationsRepository } from "../storage/generations-repository.js";
import { createLedgerHistoryRepository } from "../storage/ledger-history-repository.js";
import { createMessagesRepository } from "../storage/messages-repository.js";
import { createUserAdminRepository } from "../storage/user-admin-repository.js";
import { createUsersRepository } from "../storage/users-repository.js";
import { createBroadcastSender } from "./broadcasts/sender.js";
import { registerCommands } from "./commands.js";
import { createJobOutput } from "./delivery/job-output.js";
import { createI18n } from "./i18n.js";
import { createBot } from "./index.js";
import type { Services } from "./services.js";

export interface BotAppDeps {
  config: Config;
  logger: Logger;
  storage: Storage;
  catalog: Catalog;
  ledger: Ledger;
  accounts: Accounts;
  providers: Providers;
  clock: Clock;
}

/** Builds the bot with its services and job engine; `start` resumes jobs and begins taking updates. */
export async function createBotApp(deps: BotAppDeps) {
  const { config, logger, storage, catalog, ledger, accounts, providers, clock } = deps;
  const now = () => clock.now().getTime();
  const users = createUsersRepository(storage.db);
  const messages = createMessagesRepository(storage.db, now);
  const generations = createGenerationsRepository(storage.db, now);
  const i18n = createI18n(config.defaultLocale);

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
    botToken: config.botToken,
    starsPerRub: config.starsPerRub,
    starsPriceOverrides: config.starsPriceOverrides,
    hooks: combineHooks(referrals.hooks, promos.hooks),
  });
  const history = createLedgerHistoryRepository(storage.db);

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
    i18n,
    referrals,
    promos,
    userAdmin: createUserAdminRepository(storage.db),
    broadcastsRepo: createBroadcastsRepository(storage.db, now),
  } as Services;
  const bot = createBot({
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    services,
    i18n,
    logger,
    defaultLocale: config.defaultLocale,
    conversationStorage: createConversationStateStorage<never>(storage.db, now),
  });
  const output = createJobOutput({
    api: bot.api,
    i18n,
    catalog,
    users,
    logger,
    botToken: config.botToken,
    apiRoot: config.telegramApiRoot,
    localApiServer: config.telegramLocalApi,
  });
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
  });

  let runner: RunnerHandle | undefined;
  let server: Server | undefined;

  return {
    bot,
    services,
    async start() {
      await bot.init();
      await registerCommands(bot.api, i18n, config.defaultLocale).catch((error) =>
        logger.warn({ err: error }, "setMyCommands failed"),
      );
      const resumed = await services.engine.resume();
      if (resumed > 0) logger.info({ resumed }, "resumed generations left in flight");
      services.engine.startPolling();
      await services.broadcasts.resume();
      if (config.botMode === "webhook") {
        server = await startWebhook(bot, config, logger);
        return;
      }
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { allowed_updates: [] } } });
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      server?.close();
      await services.engine.stop();
      await services.broadcasts.stop();
    },
  };
}

async function startWebhook(bot: ReturnType<typeof createBot>, config: Config, logger: Logger): Promise<Server> {
  const url = new URL(config.webhookUrl ?? "");
  const handle = webhookCallback(bot, "http", { secretToken: config.webhookSecret, onTimeout: "return" });
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url === url.pathname) return void handle(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  await bot.api.setWebhook(url.toString(), { secret_token: config.webhookSecret, allowed_updates: [] });
  logger.info({ port: config.port, path: url.pathname }, "webhook server listening");
  return server;
}
