import SQLite from "better-sqlite3";
import { SQLITE_LEDGER_SQL as S } from "../src/storage/ledger-store-sqlite.js";

/**
 * The ledger's hold and capture as bare better-sqlite3 prepared statements on the same file and
 * pragmas: the floor the real ledger is measured against. The SQL is the ledger's own, run in
 * the same order and transactions; no plan limit is read (the benchmark's plan has none).
 */
export function createRawSqliteLedger(path: string) {
  const db = new SQLite(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const begin = db.prepare("begin");
  const commit = db.prepare("commit");
  const s = Object.fromEntries(Object.entries(S).map(([name, sql]) => [name, db.prepare(sql)])) as Record<
    keyof typeof S,
    SQLite.Statement
  >;

  return {
    hold(userId: number, key: string, amount: number, model: string) {
      const at = Date.now();
      begin.run();
      const user = s.holdState.get(userId, at - 86_400_000, 0, key, userId) as {
        sub_tokens: number;
        ledger_version: number;
      };
      const sub = Math.min(user.sub_tokens, amount);
      const pkg = amount - sub;
      s.take.run(sub, pkg, userId, user.ledger_version);
      s.insertHold.run(key, userId, amount, sub, pkg, model, at);
      s.insertEntry.run(userId, "hold", -sub, -pkg, amount, `hold:${key}`, key, model, at);
      commit.run();
    },
    capture(key: string) {
      const at = Date.now();
      begin.run();
      const hold = s.settle.get("captured", at, key) as { user_id: number; model: string };
      s.insertEntry.run(hold.user_id, "capture", 0, 0, 0, `capture:${key}`, key, hold.model, at);
      commit.run();
    },
    close: () => db.close(),
  };
}
