import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import type pg from "pg";
import { Kysely, PostgresDialect } from "./kysely-runtime.js";
import type { Database } from "./schema.js";
import { createSqliteDialect, type SqliteDirect } from "./sqlite-dialect.js";

export type Dialect = "sqlite" | "postgres";

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** SQLite only: synchronous statements on its one connection, for the ledger's hot path. */
  sqlite?: SqliteDirect;
  close(): Promise<void>;
}

/** pg loads only for a PostgreSQL URL: a bot on SQLite never carries it (idle memory). */
function loadPg(): typeof pg {
  const driver = createRequire(import.meta.url)("pg") as typeof pg;
  // int8 (bigint) comes back from pg as a string by default; our ids and times fit in a double.
  driver.types.setTypeParser(20, (value) => Number(value));
  return driver;
}

/**
 * Opens `sqlite:PATH` (WAL, folder created if missing; `sqlite::memory:` for tests) or a
 * `postgres://` URL. `schema` puts every table of a PostgreSQL database in that schema (tests).
 */
export function openStorage(url: string, options: { schema?: string } = {}): Storage {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    // Only the explicit `:memory:` is in-memory: an empty path is a mistake, not a throwaway database.
    if (path.trim() === "") throw new Error("sqlite: needs a file path");
    const memory = path === ":memory:";
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    const database = new SQLite(memory ? ":memory:" : path);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    const sqlite = createSqliteDialect(database);
    const db = new Kysely<Database>({ dialect: sqlite.dialect });
    return { db, dialect: "sqlite", sqlite: sqlite.direct(db as Kysely<unknown>), close: () => db.destroy() };
  }
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}
