import type { Accounts } from "../billing/accounts.js";
import type { ApiKeys } from "../billing/api-keys.js";
import type { Ledger } from "../billing/ledger.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { GenerationEngine } from "../generation/engine.js";
import type { Logger } from "../logger.js";
import type { ApiFilesRepository } from "../storage/api-files-repository.js";
import type { ApiKeyRow } from "../storage/api-keys-repository.js";
import type { GenerationsRepository } from "../storage/generations-repository.js";
import type { UsersRepository } from "../storage/users-repository.js";
import type { JobEvents } from "./job-events.js";
import type { KeyLimits } from "./key-limits.js";

/** What the API's routes use; the same services the bot uses, created once in main.ts. */
export interface ApiDeps {
  settings: Config["api"];
  logger: Logger;
  clock: Clock;
  catalog: Catalog;
  engine: GenerationEngine;
  accounts: Accounts;
  ledger: Ledger;
  users: UsersRepository;
  generations: GenerationsRepository;
  apiKeys: ApiKeys;
  files: ApiFilesRepository;
  events: JobEvents;
  limits: KeyLimits;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The key the request authenticated with (routes behind the auth hook only). */
    apiKey: ApiKeyRow | null;
  }
}

/** The key of an authenticated request. */
export function keyOf(request: { apiKey: ApiKeyRow | null }): ApiKeyRow {
  if (!request.apiKey) throw new Error("route is not behind the auth hook");
  return request.apiKey;
}
