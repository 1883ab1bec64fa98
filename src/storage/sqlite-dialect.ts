import type SQLite from "better-sqlite3";
import type { DatabaseConnection, Driver, Kysely, TransactionSettings } from "kysely";
import { SqliteDialect } from "./kysely-runtime.js";

/** Statements kept prepared, by SQL text; the least recently used one goes when the cache is full. */
const CACHED_STATEMENTS = 500;

/**
 * Synchronous access to the one SQLite connection for a hot path (the ledger), with the same
 * prepared statements as Kysely's and queued with Kysely's queries, so that it never runs
 * inside someone else's transaction.
 */
export interface SqliteDirect {
  /** The statement for `sql`, prepared once. */
  prepare(sql: string): SQLite.Statement;
  /** Runs `fn` in a transaction of its own, holding the connection: nothing else runs meanwhile. */
  transaction<T>(fn: () => T): Promise<T>;
  /** Runs `fn` inside `trx`, an open Kysely transaction on this database, which holds the connection. */
  within<T>(trx: { readonly isTransaction: boolean }, fn: () => T): T;
}

/**
 * Kysely's SQLite dialect with two costs removed. Kysely prepares every query it runs, and for a
 * short statement preparing costs more than running it: statements are kept by SQL text (safe,
 * since the one connection runs one statement at a time and none is left iterating). And its
 * connection lock wakes every waiter on each release: waiters are queued and woken one by one.
 */
export function createSqliteDialect(database: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) cache.delete(sql);
    else statement = database.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  const dialect = new QueuedSqliteDialect({ database: { close: () => database.close(), prepare } });

  /** Direct access through `db`, the Kysely instance built on `dialect`. */
  function direct(db: Kysely<unknown>): SqliteDirect {
    const begin = prepare("begin");
    const commit = prepare("commit");
    const rollback = prepare("rollback");
    return {
      prepare,
      transaction: (fn) =>
        db.connection().execute(async () => {
          begin.run();
          try {
            const result = fn();
            commit.run();
            return result;
          } catch (error) {
            if (database.inTransaction) rollback.run();
            throw error;
          }
        }),
      within(trx, fn) {
        if (!trx.isTransaction || !database.inTransaction) throw new Error("not inside a transaction");
        return fn();
      },
    };
  }
  return { dialect, direct };
}

class QueuedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver());
  }
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
