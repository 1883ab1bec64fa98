import type { Kysely } from "kysely";

/**
 * The Telegram updates already taken, so that one delivered twice (a webhook retried after a
 * timeout, a redeploy, two instances) is handled once. Rows older than a day are pruned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("processed_updates")
    .addColumn("update_id", "bigint", (c) => c.primaryKey())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("processed_updates_received").on("processed_updates").column("received_at").execute();
}
