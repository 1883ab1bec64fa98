import type { Kysely } from "kysely";
import { CompiledQuery } from "./kysely-runtime.js";
import type { Db, HoldInput, HoldOutcome, HoldState, HoldStateRow, LedgerStore, Split } from "./ledger-store.js";
import { ENTRY_COLUMNS, existingHold, holdState } from "./ledger-store.js";
import type { Database } from "./schema.js";

const RECENT = `array(select created_at from holds where user_id = $2 and created_at > $3 and status <> 'released'
  order by created_at desc limit $4) as recent`;

/** The account, the hold under the key and the recent holds, as of one snapshot. */
const STATE = `select u.sub_tokens, u.pkg_tokens, u.ledger_version,
    h.key, h.user_id, h.amount, h.sub_part, h.pkg_part, h.status, ${RECENT}
  from users u left join holds h on h.key = $1 where u.id = $2`;

const LOCK = "select 1 from users where id = $1 for update";

/**
 * Takes the parts only if the version is the one read, and records the hold and its entry only
 * if it took them: all three or nothing, in one statement.
 */
const INSERT_HOLD = `with taken as (
    update users set sub_tokens = sub_tokens - $4::int, pkg_tokens = pkg_tokens - $5::int,
      ledger_version = ledger_version + 1
    where id = $2 and ledger_version = $9 returning id
  ), hold as (
    insert into holds (key, user_id, amount, sub_part, pkg_part, status, model, created_at)
    select $1::text, $2::bigint, $3::int, $4::int, $5::int, 'held', $6::text, $7::bigint from taken
  ), entry as (
    insert into ledger_entries (${ENTRY_COLUMNS})
    select $2::bigint, 'hold', -$4::int, -$5::int, $3::int, $8::text, $1::text, $6::text, $7::bigint from taken
    on conflict (idempotency_key) do nothing
  )
  select id from taken`;

/** A capture changes no bucket; a release gives back exactly the parts the hold took. */
function settleSql(giveBack: boolean) {
  const back = `, back as (
    update users set sub_tokens = users.sub_tokens + h.sub_part, pkg_tokens = users.pkg_tokens + h.pkg_part,
      ledger_version = users.ledger_version + 1
    from h where users.id = h.user_id
  )`;
  return `with h as (
    update holds set status = $1, settled_at = $2 where key = $3 and status = 'held'
    returning user_id, sub_part, pkg_part, amount, model
  )${giveBack ? back : ""}, entry as (
    insert into ledger_entries (${ENTRY_COLUMNS})
    select h.user_id, $4::text, ${giveBack ? "h.sub_part, h.pkg_part, h.amount" : "0, 0, 0"}, $5::text, $3, h.model, $2 from h
    on conflict (idempotency_key) do nothing
  )
  select user_id from h`;
}

const SETTLE = { captured: settleSql(false), released: settleSql(true) };

/**
 * PostgreSQL writes a hold, or settles one, in a single statement with data-modifying CTEs. A
 * settlement needs no transaction around it. A hold is first tried without a lock: one read,
 * then the write, conditional on the account's version being the one read. Only if another
 * writer got in between is the account locked (SELECT … FOR UPDATE) and the hold tried again.
 */
export function createPostgresLedgerStore(db: Kysely<Database>): LedgerStore {
  /** `undefined`: the account changed between the read and the write. */
  async function tryHold(trx: Db, h: HoldInput, decide: (state: HoldState) => Split, lock: boolean) {
    // The lock is a statement of its own: the read after it has a snapshot that includes every
    // change committed before the lock was granted (one statement's snapshot would predate it).
    if (lock && (await run(trx, LOCK, [h.userId])).length === 0) throw new Error(`no account for user ${h.userId}`);
    const [row] = await run<HoldStateRow>(trx, STATE, [h.key, h.userId, h.since, h.limit]);
    if (!row) throw new Error(`no account for user ${h.userId}`);
    const existing = existingHold(row);
    if (existing) return { existing };
    const state = holdState(row);
    const taken = decide(state);
    const params = [h.key, h.userId, h.amount, taken.sub, taken.pkg, h.model, h.at, `hold:${h.key}`, state.version];
    return (await run(trx, INSERT_HOLD, params)).length === 1 ? { taken } : undefined;
  }

  async function holdLocked(trx: Db, h: HoldInput, decide: (state: HoldState) => Split): Promise<HoldOutcome> {
    const outcome = await tryHold(trx, h, decide, true);
    if (!outcome) throw new Error(`account ${h.userId} changed under its lock`);
    return outcome;
  }

  return {
    async hold(trx, h, decide) {
      const outcome = await tryHold(trx ?? db, h, decide, false);
      if (outcome) return outcome;
      return trx ? holdLocked(trx, h, decide) : db.transaction().execute((t) => holdLocked(t, h, decide));
    },

    async settle(trx, key, to, at) {
      const kind = to === "released" ? "release" : "capture";
      return (await run(trx ?? db, SETTLE[to], [to, at, key, kind, `${kind}:${key}`])).length === 1;
    },
  };
}

const run = async <R>(db: Db, sql: string, parameters: readonly unknown[]) =>
  (await db.executeQuery<R>(CompiledQuery.raw(sql, parameters as unknown[]))).rows;
