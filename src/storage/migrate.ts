import type { Kysely, Migration, MigrationProvider } from "kysely";
import type { Dialect } from "./database.js";
import { Migrator, sql } from "./kysely-runtime.js";
import * as initial from "./migrations/001-initial.js";
import * as pendingInputs from "./migrations/002-pending-inputs.js";
import * as conversationState from "./migrations/003-conversation-state.js";
import * as modelHealth from "./migrations/004-model-health.js";
import * as starterTokens from "./migrations/005-starter-tokens-never-expire.js";
import * as paymentsRecordFirst from "./migrations/006-payments-record-first.js";
import * as generationRequest from "./migrations/007-generation-request.js";
import * as deliveredParts from "./migrations/008-delivered-parts.js";
import * as apiKeys from "./migrations/009-api-keys.js";
import * as apiFiles from "./migrations/010-api-files.js";
import * as growth from "./migrations/012-growth.js";
import * as broadcasts from "./migrations/013-broadcasts.js";
import * as groupAnswers from "./migrations/015-group-answers.js";
import * as groupSettings from "./migrations/016-group-settings.js";
import * as jobLeases from "./migrations/018-job-leases.js";
import * as processedUpdates from "./migrations/019-processed-updates.js";
import * as keptPrompts from "./migrations/020-kept-prompts.js";
import * as helpQuestions from "./migrations/021-help-questions.js";
import * as ledgerVersion from "./migrations/022-ledger-version.js";

/** Migrations in code, so they ship inside the bundle and need no file-system lookup. */
function provider(dialect: Dialect): MigrationProvider {
  const bind = (m: { up: (db: Kysely<unknown>, d: Dialect) => Promise<void> }): Migration => ({
    up: (db) => m.up(db, dialect),
  });
  return {
    getMigrations: async () => ({
      "001-initial": bind(initial),
      "002-pending-inputs": bind(pendingInputs),
      "003-conversation-state": bind(conversationState),
      "004-model-health": bind(modelHealth),
      "005-starter-tokens-never-expire": bind(starterTokens),
      "006-payments-record-first": bind(paymentsRecordFirst),
      "007-generation-request": bind(generationRequest),
      "008-delivered-parts": bind(deliveredParts),
      "009-api-keys": bind(apiKeys),
      "010-api-files": bind(apiFiles),
      "012-growth": bind(growth),
      "013-broadcasts": bind(broadcasts),
      "015-group-answers": bind(groupAnswers),
      "016-group-settings": bind(groupSettings),
      "018-job-leases": bind(jobLeases),
      "019-processed-updates": bind(processedUpdates),
      "020-kept-prompts": bind(keptPrompts),
      "021-help-questions": bind(helpQuestions),
      "022-ledger-version": bind(ledgerVersion),
    }),
  };
}

async function createMigrator(db: Kysely<unknown>, dialect: Dialect): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in any schema unless told which: name the one in use,
  // so that databases sharing a server (one schema each) never see each other's.
  const schema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  // Branches number their migrations independently: one added below the latest applied still runs.
  return new Migrator({
    db,
    provider: provider(dialect),
    migrationTableSchema: schema,
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const migrator = await createMigrator(db, dialect);
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    // Kysely looks for its tables by scanning every schema of the server: another client dropping
    // a schema meanwhile fails that scan with 3F000 (invalid_schema_name). Nothing was migrated; try again.
    if (error && dialect === "postgres" && attempt < 5 && (error as { code?: string }).code === "3F000") continue;
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }
}

/** The names of the migrations not yet applied (for `/readyz`). */
export async function pendingMigrations(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const migrations = await (await createMigrator(db, dialect)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
