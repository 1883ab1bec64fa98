import "dotenv/config";
import { readFileSync } from "node:fs";
import { createApiApp } from "./api/app.js";
import { createAccounts } from "./billing/accounts.js";
import { createLedger } from "./billing/ledger.js";
import { StarsPriceConfigError } from "./billing/stars-prices.js";
import { createBotApp } from "./bot/app.js";
import { type Catalog, createCatalog, parseRouteOverrides } from "./catalog/catalog.js";
import { getPlan } from "./catalog/plans.js";
import { systemClock } from "./clock.js";
import { type Config, ConfigError, createConfig, SECRET_VARIABLES } from "./config.js";
import { installHealthRoutes } from "./http/health.js";
import { installMetricsRoute } from "./http/metrics.js";
import { createHttpServer } from "./http/server.js";
import { createLogger } from "./logger.js";
import { readSharedFigures } from "./metrics.js";
import { createProviders } from "./providers/registry.js";
import { StartupError } from "./startup.js";
import { createMetricsQueries } from "./storage/metrics-queries.js";
import { openDatabase } from "./storage/open-database.js";

/** config → logger → storage → services → bot → HTTP server (health, webhook) → polling or webhook. */
async function main() {
  const config = createConfig(process.env);
  const secrets = SECRET_VARIABLES.map((name) => process.env[name]).filter((v): v is string => Boolean(v));
  const logger = createLogger(config.logLevel, secrets);

  const catalog = loadCatalog(config);
  const { storage, applied } = await openDatabase(config);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");

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
  const http = createHttpServer(logger);
  installHealthRoutes(http, { storage, receivingUpdates: app.receivingUpdates });
  readSharedFigures(createMetricsQueries(storage.db));
  installMetricsRoute(http);
  const apiServer = config.api.port ? await api.createServer(app.services.engine) : undefined;
  // On PORT itself the API answers whatever the ops server has no route for (two servers cannot share a port).
  if (apiServer && config.api.port === config.port) http.fallback(apiServer.handle);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "stopping");
    await apiServer?.close();
    await app.stop();
    await http.close();
    await storage.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  const port = await http.listen(config.port);
  if (apiServer && config.api.port && config.api.port !== config.port) await apiServer.listen(config.api.port);
  await app.start(http);
  logger.info({ mode: config.botMode, providers: configured, database: storage.dialect, port }, "bot started");
}

/** The catalog with the operator's `MODEL_ROUTES_FILE` applied, checked before anything else starts. */
function loadCatalog(config: Config): Catalog {
  if (!config.modelRoutesFile) return createCatalog();
  try {
    return createCatalog(undefined, parseRouteOverrides(readFileSync(config.modelRoutesFile, "utf8")));
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s*\n\s*/g, " ") : String(error);
    throw new ConfigError(`Configuration error: MODEL_ROUTES_FILE ${config.modelRoutesFile}: ${reason}`);
  }
}

main().catch((error) => {
  // What the operator fixes in the environment is told in one line; anything else keeps its stack.
  const oneLine =
    error instanceof ConfigError || error instanceof StartupError || error instanceof StarsPriceConfigError;
  console.error(oneLine ? error.message : error);
  process.exit(1);
});
