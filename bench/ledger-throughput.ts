import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createAccounts } from "../src/billing/accounts.js";
import { createLedger, type Ledger } from "../src/billing/ledger.js";
import { plans } from "../src/catalog/plans.js";
import { systemClock } from "../src/clock.js";
import { openStorage, type Storage } from "../src/storage/database.js";
import { migrateToLatest } from "../src/storage/migrate.js";
import { createRawSqliteLedger } from "./ledger-raw-sqlite.js";
import { countStatements } from "./ledger-round-trips.js";

/** Users of the concurrent runs; each runs its pairs one after another, all users at once. */
const USERS = 100;
/**
 * Every run has users of its own: a user's history of holds is part of what a hold reads, so a
 * run must not inherit the previous run's.
 */
const GROUPS = { warmUp: 1, one: 2, rawOne: 3, many: 101, rawMany: 201 };
const ALL_USERS = 300;
/** Every hold is 1 token on the unlimited plan, from a balance that never runs out. */
const plan = plans.elite;
const MODEL = "gpt-4o-mini";
/**
 * Pairs per round, and rounds: the ledger and its bare baseline take turns round by round, so
 * that a change in the machine's load falls on both alike.
 */
const ROUND = { sqlite: 500, postgres: 200 };
const ROUNDS = 6;
const WARM_UP = 200;
const COUNTED = 20;

interface Timing {
  pairs: number;
  wallSeconds: number;
  /** CPU time of this process (user + system); PostgreSQL's own is not in it. */
  cpuSeconds: number;
}

interface Row {
  label: string;
  ledger: Timing;
  perPair: number;
  raw?: Timing;
}

/**
 * Hold and capture pairs per second through the real ledger, on a temporary SQLite file and on
 * PostgreSQL (TEST_DATABASE_URL, a fresh schema), by one user and by 100 users at once; on SQLite
 * also the same statements run bare through better-sqlite3. Returns the lines to print.
 */
export async function runLedgerBench(): Promise<string[]> {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), "ledger-bench-"));
  try {
    rows.push(...(await benchSqlite(join(dir, "ledger.db"))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) rows.push(...(await benchPostgres(url)));
  const lines = ["Ledger throughput: hold + capture pairs (1-token holds, Elite plan)"];
  for (const { label, ledger, perPair, raw } of rows) {
    const line = `  ${label.padEnd(19)} ${fmt(rate(ledger)).padStart(6)}/s  ${cpu(ledger)} µs CPU/pair  ${perPair} statements/pair`;
    const bare = raw
      ? `  | bare better-sqlite3 ${fmt(rate(raw))}/s ${cpu(raw)} µs → ${ratio(ledger, raw)}× bare (CPU ${cpuRatio(ledger, raw)}×)`
      : "";
    lines.push(line + bare);
  }
  if (!url) lines.push("  postgres: skipped (TEST_DATABASE_URL is not set)");
  lines.push(`  (load average ${loadavg()[0]?.toFixed(1)} at the end; figures are wall-clock on a shared machine)`);
  return lines;
}

async function benchSqlite(path: string): Promise<Row[]> {
  const storage = openStorage(`sqlite:${path}`);
  const ledger = await prepare(storage);
  const raw = createRawSqliteLedger(path);
  let n = 0;
  const rawPairs = (first: number, users: number, pairs: number) =>
    measure(pairs, async () => {
      for (let i = 0; i < pairs; i++) {
        const key = `raw:${n++}`;
        raw.hold(first + (i % users), key, 1, MODEL);
        raw.capture(key);
      }
    });
  try {
    const perPair = await statementsPerPair(ledger);
    await rawPairs(GROUPS.warmUp, 1, WARM_UP);
    const one = { ledger: [] as Timing[], raw: [] as Timing[] };
    const many = { ledger: [] as Timing[], raw: [] as Timing[] };
    for (let r = 0; r < ROUNDS; r++) {
      one.ledger.push(await timePairs(ledger, GROUPS.one, 1, ROUND.sqlite));
      one.raw.push(await rawPairs(GROUPS.rawOne, 1, ROUND.sqlite));
      many.ledger.push(await timePairs(ledger, GROUPS.many, USERS, ROUND.sqlite));
      many.raw.push(await rawPairs(GROUPS.rawMany, USERS, ROUND.sqlite));
    }
    return [
      { label: "sqlite, 1 user", ledger: sum(one.ledger), perPair, raw: sum(one.raw) },
      { label: `sqlite, ${USERS} users`, ledger: sum(many.ledger), perPair, raw: sum(many.raw) },
    ];
  } finally {
    raw.close();
    await storage.close();
  }
}

async function benchPostgres(url: string): Promise<Row[]> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create schema ${schema}`);
  const storage = openStorage(url, { schema });
  try {
    const ledger = await prepare(storage);
    const perPair = await statementsPerPair(ledger);
    const one: Timing[] = [];
    const many: Timing[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      one.push(await timePairs(ledger, GROUPS.one, 1, ROUND.postgres));
      many.push(await timePairs(ledger, GROUPS.many, USERS, ROUND.postgres * 2));
    }
    return [
      { label: "postgres, 1 user", ledger: sum(one), perPair },
      { label: `postgres, ${USERS} users`, ledger: sum(many), perPair },
    ];
  } finally {
    await storage.close();
    await adminQuery(url, `drop schema ${schema} cascade`);
  }
}

/** Migrates, opens the users with a balance that lasts the whole run, and warms the ledger up. */
async function prepare(storage: Storage): Promise<Ledger> {
  await migrateToLatest(storage.db as never, storage.dialect);
  const ledger = createLedger(storage, systemClock);
  const accounts = createAccounts(storage, ledger, systemClock, (id) => plans[id]);
  await Promise.all(
    Array.from({ length: ALL_USERS }, async (_, i) => {
      const id = i + 1;
      await accounts.open({ id, chatId: id, firstName: `u${id}`, locale: "en" });
      await ledger.credit({ userId: id, bucket: "pkg", amount: 1_000_000_000, key: `bench:${id}`, kind: "grant" });
    }),
  );
  await timePairs(ledger, GROUPS.warmUp, 1, WARM_UP);
  return ledger;
}

let sequence = 0;

async function pair(ledger: Ledger, userId: number) {
  const key = `bench:${sequence++}`;
  await ledger.hold({ userId, amount: 1, key, model: MODEL, plan });
  if (!(await ledger.capture(key))) throw new Error(`hold ${key} was not captured`);
}

/** `pairs` pairs shared by `users` users from `first` on, each user's pairs one after another. */
function timePairs(ledger: Ledger, first: number, users: number, pairs: number): Promise<Timing> {
  return measure(pairs, async () => {
    await Promise.all(
      Array.from({ length: users }, async (_, u) => {
        for (let i = u; i < pairs; i += users) await pair(ledger, first + u);
      }),
    );
  });
}

async function measure(pairs: number, run: () => Promise<void>): Promise<Timing> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run();
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpuBefore);
  return { pairs, wallSeconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function statementsPerPair(ledger: Ledger): Promise<number> {
  const calls = await countStatements(async () => {
    for (let i = 0; i < COUNTED; i++) await pair(ledger, GROUPS.warmUp);
  });
  return Math.round((calls / COUNTED) * 10) / 10;
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const sum = (timings: Timing[]): Timing =>
  timings.reduce((a, t) => ({
    pairs: a.pairs + t.pairs,
    wallSeconds: a.wallSeconds + t.wallSeconds,
    cpuSeconds: a.cpuSeconds + t.cpuSeconds,
  }));
const rate = (t: Timing) => t.pairs / t.wallSeconds;
const cpu = (t: Timing) => Math.round((t.cpuSeconds / t.pairs) * 1e6);
const ratio = (ledger: Timing, raw: Timing) => (rate(ledger) / rate(raw)).toFixed(2);
/** The same ratio from CPU time, which a busy machine disturbs less than wall-clock time. */
const cpuRatio = (ledger: Timing, raw: Timing) =>
  (raw.cpuSeconds / raw.pairs / (ledger.cpuSeconds / ledger.pairs)).toFixed(2);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
