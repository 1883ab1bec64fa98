import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Dialect } from "./database.js";
import * as initial from "./migrations/001-initial.js";
import * as pendingInputs from "./migrations/002-pending-inputs.js";
import * as conversationState from "./migrations/003-conversation-state.js";
import * as modelHealth from "./migrations/004-model-health.js";
import * as starterTokens from "./migrations/005-starter-tokens-never-expire.js";

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
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The names of the migrations not yet applied (for `/readyz`). */
export async function pendingMigrations(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const migrations = await (await createMigrator(db, dialect)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
