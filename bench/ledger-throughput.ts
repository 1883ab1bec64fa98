import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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
const PAIRS = { sqlite: 4_000, postgres: 2_000 };
const WARM_UP = 200;
const COUNTED = 20;

interface Row {
  label: string;
  perSecond: number;
  perPair: number;
  rawPerSecond?: number;
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
    rows.push(...(await benchSqlite(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) rows.push(...(await benchPostgres(url)));
  const lines = ["Ledger throughput: hold + capture pairs per second (1-token holds, Elite plan)"];
  for (const row of rows) {
    const raw = row.rawPerSecond
      ? `   raw better-sqlite3 ${fmt(row.rawPerSecond)}/s → ${(row.perSecond / row.rawPerSecond).toFixed(2)}× raw`
      : "";
    lines.push(`  ${row.label.padEnd(20)} ${fmt(row.perSecond).padStart(7)}/s   ${row.perPair} statements/pair${raw}`);
  }
  if (!url) lines.push("  postgres: skipped (TEST_DATABASE_URL is not set)");
  return lines;
}

async function benchSqlite(dir: string): Promise<Row[]> {
  const path = join(dir, "ledger.db");
  const storage = openStorage(`sqlite:${path}`);
  const ledger = await prepare(storage);
  const perPair = await statementsPerPair(ledger);
  const one = await timePairs(ledger, GROUPS.one, 1, PAIRS.sqlite);
  const many = await timePairs(ledger, GROUPS.many, USERS, PAIRS.sqlite);
  await storage.close();

  const raw = createRawSqliteLedger(path);
  let n = 0;
  const rawPairs = (first: number, users: number, pairs: number) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < pairs; i++) {
      const key = `raw:${n++}`;
      raw.hold(first + (i % users), key, 1, MODEL);
      raw.capture(key);
    }
    return pairs / seconds(started);
  };
  rawPairs(GROUPS.warmUp, 1, WARM_UP);
  const rawOne = rawPairs(GROUPS.rawOne, 1, PAIRS.sqlite);
  const rawMany = rawPairs(GROUPS.rawMany, USERS, PAIRS.sqlite);
  raw.close();
  return [
    { label: "sqlite, 1 user", perSecond: one, perPair, rawPerSecond: rawOne },
    { label: `sqlite, ${USERS} users`, perSecond: many, perPair, rawPerSecond: rawMany },
  ];
}

async function benchPostgres(url: string): Promise<Row[]> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create schema ${schema}`);
  const storage = openStorage(url, { schema });
  try {
    const ledger = await prepare(storage);
    const perPair = await statementsPerPair(ledger);
    const one = await timePairs(ledger, GROUPS.one, 1, PAIRS.postgres / 2);
    const many = await timePairs(ledger, GROUPS.many, USERS, PAIRS.postgres);
    return [
      { label: "postgres, 1 user", perSecond: one, perPair },
      { label: `postgres, ${USERS} users`, perSecond: many, perPair },
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
async function timePairs(ledger: Ledger, first: number, users: number, pairs: number): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      for (let i = u; i < pairs; i += users) await pair(ledger, first + u);
    }),
  );
  return pairs / seconds(started);
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

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
