import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { Database, HoldsTable } from "./schema.js";

export type Db = Kysely<Database> | Transaction<Database>;

/** What a hold decides on: the user's buckets, the hold under its key if any, the newest counted holds. */
export interface HoldState {
  sub: number;
  pkg: number;
  /** The account's `ledger_version` when read: the write goes through only if it is unchanged. */
  version: number;
  existing: Pick<HoldsTable, "key" | "user_id" | "amount" | "sub_part" | "pkg_part" | "status"> | undefined;
  /** Times of the newest `limit` holds since `since` that were not released, newest first. */
  recent: number[];
}

export interface HoldStateRequest {
  userId: number;
  key: string;
  since: number;
  limit: number;
  /** Lock the account first (PostgreSQL), so that what is read stays true until the commit. */
  lock: boolean;
}

export interface NewHold {
  key: string;
  userId: number;
  amount: number;
  sub: number;
  pkg: number;
  model: string;
  at: number;
  version: number;
}

/**
 * The ledger's hot path as fixed SQL per dialect: no query is built or compiled per call, and
 * each step is as few statements as the dialect allows. Every write is keyed, so a repeated key
 * changes nothing, and every change of an account's buckets or holds raises its `ledger_version`.
 * One implementation per dialect: `ledger-statements-sqlite.ts`, `ledger-statements-postgres.ts`.
 */
export interface LedgerStatements {
  /** `undefined`: no such user. */
  holdState(db: Db, req: HoldStateRequest): Promise<HoldState | undefined>;
  /**
   * Takes the parts from the buckets and records the hold and its entry, all or nothing, if the
   * account's version is still `hold.version`; false otherwise (someone wrote in between).
   */
  insertHold(db: Db, hold: NewHold): Promise<boolean>;
  /**
   * Moves a held hold to `to`, gives a released hold back to its buckets and appends the entry;
   * false when it was not held. One statement where `settleIsOneStatement`, else run it in a transaction.
   */
  settle(db: Db, key: string, to: "captured" | "released", at: number): Promise<boolean>;
  /** PostgreSQL: a hold is one read and one conditional write, outside any transaction when nobody else writes. */
  holdsWithoutLock: boolean;
  settleIsOneStatement: boolean;
}

export const run = async <R>(db: Db, sql: string, parameters: readonly unknown[]) =>
  (await db.executeQuery<R>(CompiledQuery.raw(sql, parameters as unknown[]))).rows;

export const ENTRY_COLUMNS =
  "user_id, kind, sub_delta, pkg_delta, amount, idempotency_key, hold_key, source, created_at";

/** The row of a hold-state query: the account's buckets and version, the hold under the key (or nulls). */
export interface HoldStateRow {
  sub_tokens: number;
  pkg_tokens: number;
  ledger_version: number;
  key: string | null;
  user_id: number | null;
  amount: number | null;
  sub_part: number | null;
  pkg_part: number | null;
  status: string | null;
  /** A JSON array on SQLite, an array on PostgreSQL. */
  recent: string | (string | number)[];
}

export function toHoldState(row: HoldStateRow): HoldState {
  const recent = typeof row.recent === "string" ? (JSON.parse(row.recent) as number[]) : row.recent;
  const existing =
    row.key !== null
      ? {
          key: row.key,
          user_id: Number(row.user_id),
          amount: Number(row.amount),
          sub_part: Number(row.sub_part),
          pkg_part: Number(row.pkg_part),
          status: String(row.status),
        }
      : undefined;
  return {
    sub: row.sub_tokens,
    pkg: row.pkg_tokens,
    version: row.ledger_version,
    existing,
    recent: recent.map(Number),
  };
}
