import type { Kysely } from "kysely";

/**
 * The Telegram message that asked for a generation (chat id + message id), unique: a redelivered
 * update finds its job instead of making a second one. Older rows and requests from buttons have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("generations").addColumn("request_chat_id", "bigint").execute();
  await db.schema.alterTable("generations").addColumn("request_message_id", "bigint").execute();
  await db.schema
    .createIndex("generations_request")
    .unique()
    .on("generations")
    .columns(["request_chat_id", "request_message_id"])
    .execute();
}
