import type { Kysely } from "kysely";
import { sql } from "../kysely-runtime.js";

/**
 * Payments are written down before they are credited (`credited_at` says whether they were), and
 * bot-wide settings get a table (the invoice payload secret generated once when none is configured).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("payments").addColumn("credited_at", "bigint").execute();
  // Every payment recorded so far was recorded and credited in one transaction.
  await sql`update payments set credited_at = created_at`.execute(db);
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
