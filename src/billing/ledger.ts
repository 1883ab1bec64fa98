import type { Kysely, Transaction } from "kysely";
import type { PlanSpec } from "../catalog/types.js";
import type { Clock } from "../clock.js";
import type { Storage } from "../storage/database.js";
import type { LedgerStore } from "../storage/ledger-store.js";
import { createPostgresLedgerStore } from "../storage/ledger-store-postgres.js";
import { createSqliteLedgerStore } from "../storage/ledger-store-sqlite.js";
import type { Database } from "../storage/schema.js";
import { InsufficientTokens } from "./errors.js";
import { assertWithinLimits, DAY_MS } from "./limits.js";
import { type Buckets, splitClawback, splitSpend } from "./spend.js";

export type Bucket = "sub" | "pkg";
type Db = Kysely<Database> | Transaction<Database>;

export interface CreditRequest {
  userId: number;
  bucket: Bucket;
  amount: number;
  /** Unique per real-world event (a charge id, a grant command's update id): a repeat is ignored. */
  key: string;
  kind: "credit" | "grant" | "purchase" | "welcome" | "referral";
  source?: string;
}

export interface HoldRequest {
  userId: number;
  amount: number;
  /** One per generation: holding the same key again returns the existing hold. */
  key: string;
  model: string;
  plan: PlanSpec;
}

export interface HoldRecord {
  key: string;
  userId: number;
  amount: number;
  sub: number;
  pkg: number;
  status: "held" | "captured" | "released";
}

/**
 * The token ledger: append-only entries with unique idempotency keys, the two buckets cached
 * on the user row and changed in the same transaction as the entry that explains them.
 */
export function createLedger(storage: Storage, clock: Clock) {
  const { db } = storage;
  const now = () => clock.now().getTime();

  /** Reads the user row, locking it for the rest of the transaction on PostgreSQL. */
  async function lockUser(trx: Db, userId: number) {
    const row = await trx
      .selectFrom("users")
      .selectAll()
      .where("id", "=", userId)
      .$if(storage.dialect === "postgres", (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new Error(`no account for user ${userId}`);
    return row;
  }

  async function setBuckets(trx: Db, userId: number, buckets: Buckets) {
    await trx
      .updateTable("users")
      .set((eb) => ({
        sub_tokens: buckets.sub,
        pkg_tokens: buckets.pkg,
        ledger_version: eb("ledger_version", "+", 1),
      }))
      .where("id", "=", userId)
      .execute();
  }

  /** Inserts an entry unless its key exists; returns whether it was new. */
  async function appendEntry(
    trx: Db,
    entry: { userId: number; kind: string; sub: number; pkg: number; key: string; holdKey?: string; source?: string },
  ): Promise<boolean> {
    const inserted = await trx
      .insertInto("ledger_entries")
      .values({
        user_id: entry.userId,
        kind: entry.kind,
        sub_delta: entry.sub,
        pkg_delta: entry.pkg,
        amount: Math.abs(entry.sub + entry.pkg),
        idempotency_key: entry.key,
        hold_key: entry.holdKey ?? null,
        source: entry.source ?? null,
        created_at: now(),
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  const store = createStore(storage);

  /** Holds once per key, in `trx` if given; the limits and the spend order are decided here. */
  async function holdWith(trx: Db | undefined, req: HoldRequest): Promise<HoldRecord> {
    const at = now();
    // Only the newest `limit` requests can decide a rolling limit; an unlimited plan reads none.
    const limit = Math.max(req.plan.perHour ?? 0, req.plan.perDay ?? 0);
    const input = {
      userId: req.userId,
      key: req.key,
      amount: req.amount,
      model: req.model,
      at,
      since: at - DAY_MS,
      limit,
    };
    const outcome = await store.hold(trx, input, (state) => {
      assertWithinLimits(req.plan, { lastDay: state.recent }, at);
      const split = splitSpend(state, req.amount);
      if (!split) throw new InsufficientTokens(req.amount, state.sub + state.pkg);
      return split;
    });
    if ("existing" in outcome) return toRecord(outcome.existing);
    return { key: req.key, userId: req.userId, amount: req.amount, ...outcome.taken, status: "held" };
  }

  return {
    lockUser,
    appendEntry,
    setBuckets,

    async balance(userId: number): Promise<Buckets & { total: number }> {
      const row = await db
        .selectFrom("users")
        .select(["sub_tokens", "pkg_tokens"])
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      return { sub: row.sub_tokens, pkg: row.pkg_tokens, total: row.sub_tokens + row.pkg_tokens };
    },

    /** Adds tokens to a bucket exactly once per key. */
    async credit(req: CreditRequest): Promise<{ applied: boolean; balance: Buckets }> {
      if (!Number.isSafeInteger(req.amount) || req.amount <= 0) throw new RangeError(`bad credit ${req.amount}`);
      return db.transaction().execute(async (trx) => {
        const user = await lockUser(trx, req.userId);
        const current = { sub: user.sub_tokens, pkg: user.pkg_tokens };
        const delta = req.bucket === "sub" ? { sub: req.amount, pkg: 0 } : { sub: 0, pkg: req.amount };
        const applied = await appendEntry(trx, {
          userId: req.userId,
          kind: req.kind,
          ...delta,
          key: req.key,
          source: req.source,
        });
        if (!applied) return { applied, balance: current };
        const balance = { sub: current.sub + delta.sub, pkg: current.pkg + delta.pkg };
        await setBuckets(trx, req.userId, balance);
        return { applied, balance };
      });
    },

    /**
     * Reserves a generation's price: checks the plan's rate limits, then takes subscription
     * tokens first and package tokens after. Throws `InsufficientTokens` or `RateLimited`.
     */
    hold: (req: HoldRequest) => holdWith(undefined, req),

    /** `hold` inside the caller's transaction, so a job's state change and its hold commit together. */
    holdIn: (trx: Db, req: HoldRequest) => holdWith(trx, req),

    /** Releases a hold inside the caller's transaction (the sweeper checks the job in the same one). */
    releaseIn: (trx: Db, key: string) => store.settle(trx, key, "released", now()),

    /** Makes a hold final (the generation was delivered). Idempotent. */
    capture: (key: string) => store.settle(undefined, key, "captured", now()),
    /** `capture` inside the caller's transaction (the job's state change commits with it). */
    captureIn: (trx: Db, key: string) => store.settle(trx, key, "captured", now()),
    /** Gives a hold back (the generation failed). Idempotent. */
    release: (key: string) => store.settle(undefined, key, "released", now()),

    /** Holds still open whose key starts with `prefix` (the sweeper's candidates). */
    async openHolds(prefix: string): Promise<HoldRecord[]> {
      const rows = await db
        .selectFrom("holds")
        .selectAll()
        .where("status", "=", "held")
        .where("key", "like", `${prefix}%`)
        .orderBy("created_at")
        .execute();
      return rows.map(toRecord);
    },

    async getHold(key: string): Promise<HoldRecord | undefined> {
      const row = await db.selectFrom("holds").selectAll().where("key", "=", key).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** Request times of the last day that count against rate limits. */
    async usage(userId: number): Promise<number[]> {
      const rows = await db
        .selectFrom("holds")
        .select("created_at")
        .where("user_id", "=", userId)
        .where("created_at", ">", now() - DAY_MS)
        .where("status", "!=", "released")
        .execute();
      return rows.map((r) => r.created_at);
    },

    /**
     * Takes back up to `amount` tokens (a refunded purchase) once per key, package bucket first;
     * returns how many were taken and how many had already been spent.
     */
    async clawback(userId: number, amount: number, key: string, source: string) {
      return db.transaction().execute(async (trx) => {
        const user = await lockUser(trx, userId);
        const take = splitClawback({ sub: user.sub_tokens, pkg: user.pkg_tokens }, amount);
        const applied = await appendEntry(trx, { userId, kind: "refund", sub: -take.sub, pkg: -take.pkg, key, source });
        if (!applied) return { applied, taken: 0, missing: 0 };
        await setBuckets(trx, userId, { sub: user.sub_tokens - take.sub, pkg: user.pkg_tokens - take.pkg });
        return { applied, taken: take.sub + take.pkg, missing: take.missing };
      });
    },

    async recentEntries(userId: number, limit = 15) {
      return db
        .selectFrom("ledger_entries")
        .selectAll()
        .where("user_id", "=", userId)
        .where("kind", "not in", ["hold", "capture"])
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;

function createStore(storage: Storage): LedgerStore {
  if (storage.dialect === "postgres") return createPostgresLedgerStore(storage.db);
  if (!storage.sqlite) throw new Error("a SQLite storage without its direct connection");
  return createSqliteLedgerStore(storage.sqlite);
}

function toRecord(
  row: Pick<Database["holds"], "key" | "user_id" | "amount" | "sub_part" | "pkg_part" | "status">,
): HoldRecord {
  return {
    key: row.key,
    userId: row.user_id,
    amount: row.amount,
    sub: row.sub_part,
    pkg: row.pkg_part,
    status: row.status as HoldRecord["status"],
  };
}
