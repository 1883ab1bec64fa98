import type { Kysely } from "kysely";

/**
 * Leases on jobs, so that several instances share one database: a step runs only in the instance
 * that holds the job's lease (`lease_owner` until `lease_until`), and a crashed instance's jobs are
 * taken over once its lease has run out. The message ids of a delivered result are recorded, so a
 * delivery resumed elsewhere never sends a part again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("generations").addColumn("lease_owner", "text").execute();
  await db.schema.alterTable("generations").addColumn("lease_until", "bigint").execute();
  await db.schema.alterTable("generations").addColumn("delivered_message_ids", "text").execute();
  await db.schema
    .alterTable("generations")
    .addColumn("submit_attempts", "integer", (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("generations_lease").on("generations").columns(["status", "lease_until"]).execute();
}
