import { ENTRY_COLUMNS, type HoldStateRow, type LedgerStatements, run, toHoldState } from "./ledger-statements.js";

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
 * PostgreSQL writes a hold, or settles one, in a single statement with data-modifying CTEs, so
 * a settlement needs no transaction around it and a hold none when its version check passes.
 */
export const postgresLedgerStatements: LedgerStatements = {
  async holdState(db, { userId, key, since, limit, lock }) {
    // The lock is a statement of its own: the read after it has a snapshot that includes every
    // change committed before the lock was granted (one statement's snapshot would predate it).
    if (lock && (await run(db, LOCK, [userId])).length === 0) return undefined;
    const [row] = await run<HoldStateRow>(db, STATE, [key, userId, since, limit]);
    return row ? toHoldState(row) : undefined;
  },

  async insertHold(db, h) {
    const params = [h.key, h.userId, h.amount, h.sub, h.pkg, h.model, h.at, `hold:${h.key}`, h.version];
    return (await run(db, INSERT_HOLD, params)).length === 1;
  },

  async settle(db, key, to, at) {
    const kind = to === "released" ? "release" : "capture";
    return (await run(db, SETTLE[to], [to, at, key, kind, `${kind}:${key}`])).length === 1;
  },
  holdsWithoutLock: true,
  settleIsOneStatement: true,
};
