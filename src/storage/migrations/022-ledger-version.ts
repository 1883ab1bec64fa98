import type { Kysely } from "kysely";

/**
 * A counter on the account that every change of its buckets or its holds raises: a hold on
 * PostgreSQL reads the account without a lock and writes only if the counter is unchanged, which
 * saves the lock's round trips (BEGIN, SELECT … FOR UPDATE, COMMIT) when nobody else is writing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("ledger_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
