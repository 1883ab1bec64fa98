import type SQLite from "better-sqlite3";
import { type DatabaseConnection, type Driver, SqliteDialect, type TransactionSettings } from "kysely";

/** Statements kept prepared, by SQL text; the least recently used one goes when the cache is full. */
const CACHED_STATEMENTS = 500;

/**
 * Kysely's SQLite dialect with two costs removed. Kysely prepares every query it runs, and for a
 * short statement preparing costs more than running it: statements are kept by SQL text (safe,
 * since the one connection runs one statement at a time and none is left iterating). And its
 * connection lock wakes every waiter on each release: waiters are queued and woken one by one.
 */
export function createSqliteDialect(database: SQLite.Database): SqliteDialect {
  return new QueuedSqliteDialect({ database: withStatementCache(database) });
}

class QueuedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver());
  }
}

function withStatementCache(database: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      else statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

/** The one connection, handed to its users in the order they asked for it. */
class QueuedDriver implements Driver {
  readonly #inner: Driver;
  readonly #waiting: (() => void)[] = [];
  #busy = false;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init = () => this.#inner.init();
  destroy = () => this.#inner.destroy();
  beginTransaction = (c: DatabaseConnection, s: TransactionSettings) => this.#inner.beginTransaction(c, s);
  commitTransaction = (c: DatabaseConnection) => this.#inner.commitTransaction(c);
  rollbackTransaction = (c: DatabaseConnection) => this.#inner.rollbackTransaction(c);
  savepoint: Driver["savepoint"] = (...args) => this.#inner.savepoint!(...args);
  rollbackToSavepoint: Driver["rollbackToSavepoint"] = (...args) => this.#inner.rollbackToSavepoint!(...args);
  releaseSavepoint: Driver["releaseSavepoint"] = (...args) => this.#inner.releaseSavepoint!(...args);

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#busy = true;
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    // Handed straight to the next in line: `busy` stays set, so no newcomer overtakes it.
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy = false;
  }
}
