import SQLite from "better-sqlite3";

/**
 * The ledger's hold and capture as bare better-sqlite3 prepared statements on the same file and
 * pragmas: the floor the real ledger is measured against. The statements are the ones the
 * ledger sends, in the same order, with the same transactions; nothing else runs.
 */
export function createRawSqliteLedger(path: string) {
  const db = new SQLite(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const s = {
    begin: db.prepare("begin"),
    commit: db.prepare("commit"),
    user: db.prepare('select * from "users" where "id" = ?'),
    hold: db.prepare('select * from "holds" where "key" = ?'),
    recent: db.prepare(
      'select "created_at" from "holds" where "user_id" = ? and "created_at" > ? and "status" != ? order by "created_at"',
    ),
    setBuckets: db.prepare('update "users" set "sub_tokens" = ?, "pkg_tokens" = ? where "id" = ?'),
    insertHold: db.prepare(
      'insert into "holds" ("key", "user_id", "amount", "sub_part", "pkg_part", "status", "model", "created_at", "settled_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    entry: db.prepare(
      'insert into "ledger_entries" ("user_id", "kind", "sub_delta", "pkg_delta", "amount", "idempotency_key", "hold_key", "source", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict ("idempotency_key") do nothing returning "id"',
    ),
    settle: db.prepare('update "holds" set "status" = ?, "settled_at" = ? where "key" = ? and "status" = ?'),
  };
  type UserRow = { sub_tokens: number; pkg_tokens: number };
  type HoldRow = { user_id: number; status: string; model: string };

  return {
    hold(userId: number, key: string, amount: number, model: string) {
      const at = Date.now();
      s.begin.run();
      const user = s.user.get(userId) as UserRow;
      s.hold.get(key);
      s.recent.all(userId, at - 86_400_000, "released");
      const sub = Math.min(user.sub_tokens, amount);
      const pkg = amount - sub;
      s.setBuckets.run(user.sub_tokens - sub, user.pkg_tokens - pkg, userId);
      s.insertHold.run(key, userId, amount, sub, pkg, "held", model, at, null);
      s.entry.all(userId, "hold", -sub, -pkg, amount, `hold:${key}`, key, model, at);
      s.commit.run();
    },
    capture(key: string) {
      const at = Date.now();
      s.begin.run();
      const hold = s.hold.get(key) as HoldRow;
      s.user.get(hold.user_id);
      s.settle.run("captured", at, key, "held");
      s.entry.all(hold.user_id, "capture", 0, 0, 0, `capture:${key}`, key, hold.model, at);
      s.commit.run();
    },
    close: () => db.close(),
  };
}
