import type { Kysely } from "kysely";

/**
 * Prompts refused for want of tokens, kept so that after a purchase the bot can offer to run them:
 * the refused job's row holds the request (model, prompt, files, parameters). `used_at` makes the
 * offer one-shot across presses and instances; `expires_at` ends it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("kept_prompts")
    .addColumn("generation_id", "bigint", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("kept_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .execute();
  await db.schema.createIndex("kept_prompts_user").on("kept_prompts").columns(["user_id", "kept_at"]).execute();
}
