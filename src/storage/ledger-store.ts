import type { Kysely, Transaction } from "kysely";
import type { Database, HoldsTable } from "./schema.js";

export type Db = Kysely<Database> | Transaction<Database>;

export type ExistingHold = Pick<HoldsTable, "key" | "user_id" | "amount" | "sub_part" | "pkg_part" | "status">;

/** What a hold decides on: the user's buckets and the newest holds that count against a limit. */
export interface HoldState {
  sub: number;
  pkg: number;
  /** The account's `ledger_version` when read: a write without a lock goes through only if it is unchanged. */
  version: number;
  /** Times of the newest `limit` holds since `since` that were not released, newest first. */
  recent: number[];
}

export interface HoldInput {
  userId: number;
  key: string;
  amount: number;
  model: string;
  at: number;
  /** Holds from this time on count against the limits; `limit` is the most that can matter. */
  since: number;
  limit: number;
}

/** How a new hold is taken from the buckets; a `decide` throws instead to refuse the hold. */
export interface Split {
  sub: number;
  pkg: number;
}

export type HoldOutcome = { existing: ExistingHold } | { taken: Split };

/**
 * The ledger's hot path, one implementation per dialect (`ledger-store-sqlite.ts`,
 * `ledger-store-postgres.ts`): fixed SQL, no query built or compiled per call, as few
 * statements as the dialect allows. Every write is keyed, so a repeated key changes nothing;
 * every change of an account's buckets or holds raises its `ledger_version`. The decisions
 * (limits, spend order) stay with the caller as a pure `decide`.
 */
export interface LedgerStore {
  /**
   * Holds `input.key` once: returns the existing hold under the key, or reads the account,
   * asks `decide` how to take the amount (it throws to refuse) and writes the hold, its entry
   * and the buckets together. In `trx` if given, else atomically on its own.
   */
  hold(trx: Db | undefined, input: HoldInput, decide: (state: HoldState) => Split): Promise<HoldOutcome>;
  /**
   * Moves a held hold to `to`, gives a released hold back to its buckets and appends the entry,
   * all or nothing; false when it was not held. In `trx` if given.
   */
  settle(trx: Db | undefined, key: string, to: "captured" | "released", at: number): Promise<boolean>;
}

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

export function existingHold(row: HoldStateRow): ExistingHold | undefined {
  if (row.key === null) return undefined;
  return {
    key: row.key,
    user_id: Number(row.user_id),
    amount: Number(row.amount),
    sub_part: Number(row.sub_part),
    pkg_part: Number(row.pkg_part),
    status: String(row.status),
  };
}

export function holdState(row: HoldStateRow): HoldState {
  const recent = typeof row.recent === "string" ? (JSON.parse(row.recent) as number[]) : row.recent;
  return { sub: row.sub_tokens, pkg: row.pkg_tokens, version: row.ledger_version, recent: recent.map(Number) };
}
