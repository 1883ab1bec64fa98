import "dotenv/config";
import { readFileSync } from "node:fs";
import { createApiApp } from "./api/app.js";
import { createAccounts } from "./billing/accounts.js";
import { createLedger } from "./billing/ledger.js";
import { createBotApp } from "./bot/app.js";
import { createCatalog, parseRouteOverrides } from "./catalog/catalog.js";
import { getPlan } from "./catalog/plans.js";
import { systemClock } from "./clock.js";
import { ConfigError, createConfig, SECRET_VARIABLES } from "./config.js";
import { createLogger } from "./logger.js";
import { createProviders } from "./providers/registry.js";
import { openStorage } from "./storage/database.js";
import { migrateToLatest } from "./storage/migrate.js";

/** config → logger → storage → services → bot → polling or webhook server. */
async function main() {
  let config: ReturnType<typeof createConfig>;
  try {
    config = createConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const secrets = SECRET_VARIABLES.map((name) => process.env[name]).filter((v): v is string => Boolean(v));
  const logger = createLogger(config.logLevel, secrets);

  const storage = openStorage(config.databaseUrl);
  const applied = await migrateToLatest(storage.db as never, storage.dialect);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");

  const overrides = config.modelRoutesFile
    ? parseRouteOverrides(readFileSync(config.modelRoutesFile, "utf8"))
    : undefined;
  const catalog = createCatalog(undefined, overrides);
  const clock = systemClock;
  const ledger = createLedger(storage, clock);
  const accounts = createAccounts(storage, ledger, clock, getPlan);
  const providers = createProviders(config.providers);
  const configured = Object.entries(config.providers)
    .filter(([, p]) => p.apiKey)
    .map(([id]) => id);
  if (configured.length === 0) logger.warn("no provider API key is set: every model is shown as unavailable");

  // API jobs always deliver to the API's store, even in a run without the API server: a job left
  // in flight when API_PORT was switched off must never turn up in the user's chat.
  const api = createApiApp({ config, logger, storage, catalog, ledger, accounts, clock });
  const app = await createBotApp({
    config,
    logger,
    storage,
    catalog,
    ledger,
    accounts,
    providers,
    clock,
    outputs: { api: api.output },
  });
  const apiServer = config.api.port ? await api.createServer(app.services.engine) : undefined;
  // In webhook mode on the same port, the webhook server passes every other request to the API.
  const sharedPort = config.botMode === "webhook" && config.api.port === config.port;
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "stopping");
    await apiServer?.close();
    await app.stop();
    await storage.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  if (apiServer && config.api.port && !sharedPort) await apiServer.listen(config.api.port);
  await app.start({ httpFallback: apiServer && sharedPort ? apiServer.handle : undefined });
  logger.info({ mode: config.botMode, providers: configured, database: storage.dialect }, "bot started");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
