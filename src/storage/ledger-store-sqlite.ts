import type {
  Db,
  ExistingHold,
  HoldInput,
  HoldOutcome,
  HoldState,
  HoldStateRow,
  LedgerStore,
  Split,
} from "./ledger-store.js";
import { ENTRY_COLUMNS, existingHold, holdState } from "./ledger-store.js";
import type { SqliteDirect } from "./sqlite-dialect.js";

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

/**
 * SQLite has one connection and one writer, so what a transaction reads stays true until it
 * commits: a hold needs no lock. A hold or a settlement runs synchronously, start to commit,
 * on prepared statements while it holds the connection; Kysely's queries wait their turn.
 */
export function createSqliteLedgerStore(direct: SqliteDirect): LedgerStore {
  const s = Object.fromEntries(Object.entries(SQLITE_LEDGER_SQL).map(([name, sql]) => [name, direct.prepare(sql)]));
  const S = s as Record<keyof typeof SQLITE_LEDGER_SQL, ReturnType<SqliteDirect["prepare"]>>;
  const inTransaction = async <T>(trx: Db | undefined, fn: () => T): Promise<T> =>
    trx ? direct.within(trx, fn) : direct.transaction(fn);

  function hold(h: HoldInput, decide: (state: HoldState) => Split): HoldOutcome {
    const row = S.holdState.get(h.userId, h.since, h.limit, h.key, h.userId) as HoldStateRow | undefined;
    if (!row) throw new Error(`no account for user ${h.userId}`);
    const existing: ExistingHold | undefined = existingHold(row);
    if (existing) return { existing };
    const state = holdState(row);
    const taken = decide(state);
    if (S.take.run(taken.sub, taken.pkg, h.userId, state.version).changes !== 1) {
      throw new Error(`account ${h.userId} changed inside its transaction`);
    }
    S.insertHold.run(h.key, h.userId, h.amount, taken.sub, taken.pkg, h.model, h.at);
    S.insertEntry.run(h.userId, "hold", -taken.sub, -taken.pkg, h.amount, `hold:${h.key}`, h.key, h.model, h.at);
    return { taken };
  }

  function settle(key: string, to: "captured" | "released", at: number): boolean {
    type Settled = { user_id: number; sub_part: number; pkg_part: number; model: string };
    const held = S.settle.get(to, at, key) as Settled | undefined;
    if (!held) return false;
    const back = to === "released" ? { sub: held.sub_part, pkg: held.pkg_part } : { sub: 0, pkg: 0 };
    if (to === "released") S.giveBack.run(back.sub, back.pkg, held.user_id);
    const kind = to === "released" ? "release" : "capture";
    S.insertEntry.run(
      held.user_id,
      kind,
      back.sub,
      back.pkg,
      back.sub + back.pkg,
      `${kind}:${key}`,
      key,
      held.model,
      at,
    );
    return true;
  }

  return {
    hold: (trx, input, decide) => inTransaction(trx, () => hold(input, decide)),
    settle: (trx, key, to, at) => inTransaction(trx, () => settle(key, to, at)),
  };
}
