import type { Kysely } from "kysely";

/** When each user asked the free help desk, so its hourly limit holds across instances and restarts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("help_questions")
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("asked_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("help_questions_user").on("help_questions").columns(["user_id", "asked_at"]).execute();
}
