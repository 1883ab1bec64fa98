import type { Accounts } from "../billing/accounts.js";
import { createApiKeys } from "../billing/api-keys.js";
import type { Ledger } from "../billing/ledger.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { GenerationEngine } from "../generation/engine.js";
import type { Logger } from "../logger.js";
import { createApiFilesRepository } from "../storage/api-files-repository.js";
import { createApiKeysRepository } from "../storage/api-keys-repository.js";
import type { Storage } from "../storage/database.js";
import { createGenerationsRepository } from "../storage/generations-repository.js";
import { createUsersRepository } from "../storage/users-repository.js";
import { createJobEvents } from "./job-events.js";
import { createApiJobOutput } from "./job-output.js";
import { createKeyLimits } from "./key-limits.js";

export interface ApiAppDeps {
  config: Config;
  logger: Logger;
  storage: Storage;
  catalog: Catalog;
  ledger: Ledger;
  accounts: Accounts;
  clock: Clock;
}

/**
 * The developer API in two steps, because the job engine sits between them: `output` (how API jobs
 * deliver) goes into the engine, and the server is built on that engine.
 */
export function createApiApp(deps: ApiAppDeps) {
  const { config, logger, storage, clock } = deps;
  const now = () => clock.now().getTime();
  const events = createJobEvents();
  const files = createApiFilesRepository(storage.db);
  const apiLogger = logger.child({ component: "api" });
  return {
    output: createApiJobOutput({ files, events, clock, logger: apiLogger }),
    // Fastify, Swagger and the route schemas load only when the API is switched on (API_PORT).
    createServer: async (engine: GenerationEngine) =>
      (await import("./server.js")).createApiServer({
        settings: config.api,
        logger: apiLogger,
        clock,
        catalog: deps.catalog,
        engine,
        accounts: deps.accounts,
        ledger: deps.ledger,
        users: createUsersRepository(storage.db),
        generations: createGenerationsRepository(storage.db, now),
        apiKeys: createApiKeys(createApiKeysRepository(storage.db, now)),
        files,
        events,
        limits: createKeyLimits({
          perMinute: config.api.ratePerMinute,
          maxConcurrent: config.api.maxConcurrent,
          clock,
        }),
      }),
  };
}
