import { CompiledQuery } from "kysely";
import { ENTRY_COLUMNS, type HoldStateRow, type LedgerStatements, run, toHoldState } from "./ledger-statements.js";

/** SQLite's statements, exported so that the benchmark runs the very same SQL bare. */
export const SQLITE_LEDGER_SQL = {
  holdState: `select u.sub_tokens, u.pkg_tokens, u.ledger_version,
      h.key, h.user_id, h.amount, h.sub_part, h.pkg_part, h.status,
      (select json_group_array(created_at) from (select created_at from holds
        where user_id = ? and created_at > ? and status <> 'released' order by created_at desc limit ?)) as recent
    from users u left join holds h on h.key = ? where u.id = ?`,
  take: `update users set sub_tokens = sub_tokens - ?, pkg_tokens = pkg_tokens - ?, ledger_version = ledger_version + 1
    where id = ? and ledger_version = ?`,
  giveBack: `update users set sub_tokens = sub_tokens + ?, pkg_tokens = pkg_tokens + ?, ledger_version = ledger_version + 1
    where id = ?`,
  insertHold: `insert into holds (key, user_id, amount, sub_part, pkg_part, status, model, created_at)
    values (?, ?, ?, ?, ?, 'held', ?, ?)`,
  insertEntry: `insert into ledger_entries (${ENTRY_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (idempotency_key) do nothing`,
  settle: `update holds set status = ?, settled_at = ? where key = ? and status = 'held'
    returning user_id, sub_part, pkg_part, model`,
};
const S = SQLITE_LEDGER_SQL;

/**
 * SQLite has one connection and one writer, so what a transaction reads stays true until it
 * commits: a hold needs no lock. It has no data-modifying CTEs either: each part is a statement
 * of its own, in the caller's transaction.
 */
export const sqliteLedgerStatements: LedgerStatements = {
  async holdState(trx, { userId, key, since, limit }) {
    const [row] = await run<HoldStateRow>(trx, S.holdState, [userId, since, limit, key, userId]);
    return row ? toHoldState(row) : undefined;
  },

  async insertHold(trx, h) {
    const taken = await trx.executeQuery(CompiledQuery.raw(S.take, [h.sub, h.pkg, h.userId, h.version]));
    if (Number(taken.numAffectedRows) !== 1) return false;
    await run(trx, S.insertHold, [h.key, h.userId, h.amount, h.sub, h.pkg, h.model, h.at]);
    await run(trx, S.insertEntry, [h.userId, "hold", -h.sub, -h.pkg, h.amount, `hold:${h.key}`, h.key, h.model, h.at]);
    return true;
  },

  async settle(trx, key, to, at) {
    type Settled = { user_id: number; sub_part: number; pkg_part: number; model: string };
    const [hold] = await run<Settled>(trx, S.settle, [to, at, key]);
    if (!hold) return false;
    const back = to === "released" ? { sub: hold.sub_part, pkg: hold.pkg_part } : { sub: 0, pkg: 0 };
    if (to === "released") await run(trx, S.giveBack, [back.sub, back.pkg, hold.user_id]);
    const kind = to === "released" ? "release" : "capture";
    const entry = [hold.user_id, kind, back.sub, back.pkg, back.sub + back.pkg, `${kind}:${key}`, key, hold.model, at];
    await run(trx, S.insertEntry, entry);
    return true;
  },
  holdsWithoutLock: false,
  settleIsOneStatement: false,
};
