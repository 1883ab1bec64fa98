import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { Dialect } from "./database.js";
import type { Database, HoldsTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/** What a hold decides on: the user's buckets, the hold under its key if any, the newest counted holds. */
export interface HoldState {
  sub: number;
  pkg: number;
  existing: Pick<HoldsTable, "key" | "user_id" | "amount" | "sub_part" | "pkg_part" | "status"> | undefined;
  /** Times of the newest `limit` holds since `since` that were not released, newest first. */
  recent: number[];
}

export interface NewHold {
  key: string;
  userId: number;
  amount: number;
  sub: number;
  pkg: number;
  model: string;
  at: number;
}

/**
 * The ledger's hot path as fixed SQL per dialect: no query is built or compiled per call, and
 * each step is as few statements as the dialect allows (PostgreSQL writes a hold, or settles
 * one, in a single statement with data-modifying CTEs; SQLite has none and runs the parts in
 * the caller's transaction). Every write is keyed, so a repeated key changes nothing.
 */
export interface LedgerStatements {
  /**
   * Reads a hold's inputs inside the caller's transaction; on PostgreSQL the user's row is
   * locked first, so that the rest is read after any hold committed before us. `undefined`: no such user.
   */
  holdState(
    trx: Db,
    req: { userId: number; key: string; since: number; limit: number },
  ): Promise<HoldState | undefined>;
  /** Takes the parts from the buckets and records the hold and its entry (inside the caller's transaction). */
  insertHold(trx: Db, hold: NewHold): Promise<void>;
  /**
   * Moves a held hold to `to`, gives a released hold back to its buckets and appends the entry;
   * false when it was not held. One statement on PostgreSQL, several on SQLite: `settleNeedsTransaction`.
   */
  settle(db: Db, key: string, to: "captured" | "released", at: number): Promise<boolean>;
  settleNeedsTransaction: boolean;
}

const run = async <R>(db: Db, sql: string, parameters: readonly unknown[]) =>
  (await db.executeQuery<R>(CompiledQuery.raw(sql, parameters as unknown[]))).rows;

const ENTRY_COLUMNS = "user_id, kind, sub_delta, pkg_delta, amount, idempotency_key, hold_key, source, created_at";

type StateRow = {
  sub_tokens: number;
  pkg_tokens: number;
  key: string | null;
  user_id: number | null;
  amount: number | null;
  sub_part: number | null;
  pkg_part: number | null;
  status: string | null;
  recent: string | (string | number)[];
};

function toState(row: StateRow | undefined, sub: number, pkg: number): HoldState {
  const recent = typeof row?.recent === "string" ? (JSON.parse(row.recent) as number[]) : (row?.recent ?? []);
  const existing =
    row && row.key !== null
      ? {
          key: row.key,
          user_id: Number(row.user_id),
          amount: Number(row.amount),
          sub_part: Number(row.sub_part),
          pkg_part: Number(row.pkg_part),
          status: String(row.status),
        }
      : undefined;
  return { sub, pkg, existing, recent: recent.map(Number) };
}

export function createLedgerStatements(dialect: Dialect): LedgerStatements {
  return dialect === "postgres" ? postgres : sqlite;
}

/** SQLite's statements, exported so that the benchmark runs the very same SQL bare. */
export const SQLITE_LEDGER_SQL = {
  holdState: `select u.sub_tokens, u.pkg_tokens, h.key, h.user_id, h.amount, h.sub_part, h.pkg_part, h.status,
      (select json_group_array(created_at) from (select created_at from holds
        where user_id = ? and created_at > ? and status <> 'released' order by created_at desc limit ?)) as recent
    from users u left join holds h on h.key = ? where u.id = ?`,
  take: "update users set sub_tokens = sub_tokens - ?, pkg_tokens = pkg_tokens - ? where id = ?",
  giveBack: "update users set sub_tokens = sub_tokens + ?, pkg_tokens = pkg_tokens + ? where id = ?",
  insertHold: `insert into holds (key, user_id, amount, sub_part, pkg_part, status, model, created_at)
    values (?, ?, ?, ?, ?, 'held', ?, ?)`,
  insertEntry: `insert into ledger_entries (${ENTRY_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (idempotency_key) do nothing`,
  settle: `update holds set status = ?, settled_at = ? where key = ? and status = 'held'
    returning user_id, sub_part, pkg_part, model`,
};
const S = SQLITE_LEDGER_SQL;

const sqlite: LedgerStatements = {
  // One connection, one writer: the read needs no lock to stay true until the commit.
  async holdState(trx, { userId, key, since, limit }) {
    const [row] = await run<StateRow>(trx, S.holdState, [userId, since, limit, key, userId]);
    return row ? toState(row, row.sub_tokens, row.pkg_tokens) : undefined;
  },

  async insertHold(trx, h) {
    await run(trx, S.take, [h.sub, h.pkg, h.userId]);
    await run(trx, S.insertHold, [h.key, h.userId, h.amount, h.sub, h.pkg, h.model, h.at]);
    await run(trx, S.insertEntry, [h.userId, "hold", -h.sub, -h.pkg, h.amount, `hold:${h.key}`, h.key, h.model, h.at]);
  },

  async settle(trx, key, to, at) {
    const [hold] = await run<{ user_id: number; sub_part: number; pkg_part: number; model: string }>(trx, S.settle, [
      to,
      at,
      key,
    ]);
    if (!hold) return false;
    const back = to === "released" ? { sub: hold.sub_part, pkg: hold.pkg_part } : { sub: 0, pkg: 0 };
    if (to === "released") await run(trx, S.giveBack, [back.sub, back.pkg, hold.user_id]);
    const kind = to === "released" ? "release" : "capture";
    const entry = [hold.user_id, kind, back.sub, back.pkg, back.sub + back.pkg, `${kind}:${key}`, key, hold.model, at];
    await run(trx, S.insertEntry, entry);
    return true;
  },
  settleNeedsTransaction: true,
};

const postgres: LedgerStatements = {
  async holdState(trx, { userId, key, since, limit }) {
    const [user] = await run<{ sub_tokens: number; pkg_tokens: number }>(
      trx,
      "select sub_tokens, pkg_tokens from users where id = $1 for update",
      [userId],
    );
    if (!user) return undefined;
    // A statement of its own, after the lock: its snapshot includes every hold committed before it.
    const [row] = await run<StateRow>(
      trx,
      `select h.key, h.user_id, h.amount, h.sub_part, h.pkg_part, h.status,
         array(select created_at from holds where user_id = $2 and created_at > $3 and status <> 'released'
               order by created_at desc limit $4) as recent
       from (values (1)) as one left join holds h on h.key = $1`,
      [key, userId, since, limit],
    );
    return toState(row, user.sub_tokens, user.pkg_tokens);
  },

  async insertHold(trx, h) {
    await run(
      trx,
      `with taken as (
         update users set sub_tokens = sub_tokens - $4::int, pkg_tokens = pkg_tokens - $5::int where id = $2
       ), hold as (
         insert into holds (key, user_id, amount, sub_part, pkg_part, status, model, created_at)
         values ($1, $2, $3, $4, $5, 'held', $6, $7)
       )
       insert into ledger_entries (${ENTRY_COLUMNS})
       values ($2, 'hold', -$4::int, -$5::int, $3, $8, $1, $6, $7)
       on conflict (idempotency_key) do nothing`,
      [h.key, h.userId, h.amount, h.sub, h.pkg, h.model, h.at, `hold:${h.key}`],
    );
  },

  async settle(db, key, to, at) {
    const kind = to === "released" ? "release" : "capture";
    const rows = await run<{ user_id: number }>(db, PG_SETTLE[to], [to, at, key, kind, `${kind}:${key}`]);
    return rows.length === 1;
  },
  settleNeedsTransaction: false,
};

/** A capture changes no bucket; a release gives back exactly the parts the hold took. */
function pgSettle(giveBack: boolean) {
  return `with h as (
      update holds set status = $1, settled_at = $2 where key = $3 and status = 'held'
      returning user_id, sub_part, pkg_part, amount, model
    )${
      giveBack
        ? `, back as (
      update users set sub_tokens = users.sub_tokens + h.sub_part, pkg_tokens = users.pkg_tokens + h.pkg_part
      from h where users.id = h.user_id
    )`
        : ""
    }, entry as (
      insert into ledger_entries (${ENTRY_COLUMNS})
      select h.user_id, $4, ${giveBack ? "h.sub_part, h.pkg_part, h.amount" : "0, 0, 0"}, $5, $3, h.model, $2 from h
      on conflict (idempotency_key) do nothing
    )
    select user_id from h`;
}

const PG_SETTLE = { captured: pgSettle(false), released: pgSettle(true) };
