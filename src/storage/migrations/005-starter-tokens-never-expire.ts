import type { Kysely, Transaction } from "kysely";

/** The tables as this migration knows them (the schema may change later; this code must not). */
interface Tables {
  users: { id: number; plan: string; sub_tokens: number; pkg_tokens: number };
  ledger_entries: {
    id: number;
    user_id: number;
    kind: string;
    sub_delta: number;
    pkg_delta: number;
    amount: number;
    idempotency_key: string;
    hold_key: string | null;
    source: string | null;
    created_at: number;
  };
}

/**
 * The one-time Starter tokens move to the package bucket, where nothing expires (they used to sit
 * in the subscription bucket, which the first paid cycle resets):
 * - a user who never paid keeps what is left of them, moved over (a `transfer` entry, net zero);
 * - a user whose first cycle erased them gets back what was left at that moment (never more than
 *   the welcome grant), as a `welcome` entry.
 * Each user's change and its ledger entry commit together; the keys make a re-run a no-op.
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  // PostgreSQL runs a migration inside a transaction already (and Kysely cannot nest one); SQLite does not.
  if (db.isTransaction) return moveStarterTokens(db as Transaction<Tables>);
  await db.transaction().execute(moveStarterTokens);
}

async function moveStarterTokens(trx: Transaction<Tables>): Promise<void> {
  const at = Date.now();
  const welcomes = await trx
    .selectFrom("ledger_entries")
    .select(["user_id", "sub_delta"])
    .where("kind", "=", "welcome")
    .where("sub_delta", ">", 0)
    .execute();
  for (const welcome of welcomes) await moveOne(trx, welcome, at);
}

async function moveOne(trx: Transaction<Tables>, welcome: { user_id: number; sub_delta: number }, at: number) {
  const user = await trx.selectFrom("users").selectAll().where("id", "=", welcome.user_id).executeTakeFirst();
  if (!user) return;
  const firstCycle = await trx
    .selectFrom("ledger_entries")
    .select("id")
    .where("user_id", "=", user.id)
    .where("kind", "=", "cycle")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  let entry: { kind: string; sub: number; pkg: number; key: string };
  if (firstCycle) {
    const before = await trx
      .selectFrom("ledger_entries")
      .select((eb) => eb.fn.sum<number | string | null>("sub_delta").as("sub"))
      .where("user_id", "=", user.id)
      .where("id", "<", firstCycle.id)
      .executeTakeFirst();
    const erased = Math.min(welcome.sub_delta, Math.max(0, Number(before?.sub ?? 0)));
    entry = { kind: "welcome", sub: 0, pkg: erased, key: `starter-restored:${user.id}` };
  } else if (user.plan === "starter") {
    const left = Math.min(welcome.sub_delta, user.sub_tokens);
    entry = { kind: "transfer", sub: -left, pkg: left, key: `starter-to-pkg:${user.id}` };
  } else return;
  if (entry.pkg <= 0) return;
  const inserted = await trx
    .insertInto("ledger_entries")
    .values({
      user_id: user.id,
      kind: entry.kind,
      sub_delta: entry.sub,
      pkg_delta: entry.pkg,
      amount: Math.abs(entry.sub + entry.pkg),
      idempotency_key: entry.key,
      hold_key: null,
      source: "starter",
      created_at: at,
    } as never)
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return;
  await trx
    .updateTable("users")
    .set({ sub_tokens: user.sub_tokens + entry.sub, pkg_tokens: user.pkg_tokens + entry.pkg })
    .where("id", "=", user.id)
    .execute();
}
