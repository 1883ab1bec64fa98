import SQLite from "better-sqlite3";
import pg from "pg";

/**
 * Counts what the database is asked per operation: every `Client.query` on PostgreSQL (one round
 * trip each, BEGIN and COMMIT included) and every statement run on SQLite. The counters wrap the
 * drivers' prototypes only while `count` runs, so the timed runs are never slowed by them.
 */
export async function countStatements(run: () => Promise<void>): Promise<number> {
  const probe = new SQLite(":memory:");
  const statement = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, unknown>;
  probe.close();
  const targets: [Record<string, unknown>, string][] = [
    [pg.Client.prototype as unknown as Record<string, unknown>, "query"],
    [statement, "run"],
    [statement, "all"],
    [statement, "get"],
    [statement, "iterate"],
    [SQLite.prototype as unknown as Record<string, unknown>, "exec"],
  ];
  let calls = 0;
  const originals = targets.map(([target, name]) => target[name] as (...args: unknown[]) => unknown);
  targets.forEach(([target, name], i) => {
    const original = originals[i]!;
    target[name] = function (this: unknown, ...args: unknown[]) {
      calls += 1;
      return original.apply(this, args);
    };
  });
  try {
    await run();
  } finally {
    targets.forEach(([target, name], i) => {
      target[name] = originals[i];
    });
  }
  return calls;
}
