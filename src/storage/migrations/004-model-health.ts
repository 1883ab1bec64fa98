import type { Kysely } from "kysely";

/**
 * What the last model health check found per product, so that a restart neither announces a missing
 * upstream again nor forgets to announce its return, and /models_health keeps its "last checked".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("model_health")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("upstream", "text", (c) => c.notNull())
    .addColumn("available", "integer", (c) => c.notNull())
    .addColumn("checked_at", "bigint")
    .execute();
}
