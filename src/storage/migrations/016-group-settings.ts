import type { Kysely } from "kysely";

/** What a group's admins chose with /groupsettings: one row per group, absent = the defaults. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("group_settings")
    .addColumn("chat_id", "bigint", (c) => c.primaryKey())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    // JSON array of the model kinds members may use; null = every kind.
    .addColumn("kinds", "text")
    // Tokens one member may spend in this group per day; null = no cap.
    .addColumn("member_daily_cap", "integer")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}
