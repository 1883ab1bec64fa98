import type { Kysely } from "kysely";

/**
 * Answers outside the private chat: a job remembers the prompt it replies to, its forum topic and,
 * for guest mode, the guest query it answers (or the inline message that answer became). Chat
 * turns get a scope, so a group's (and a topic's) conversation never mixes with a private one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("generations").addColumn("reply_to_message_id", "bigint").execute();
  await db.schema.alterTable("generations").addColumn("thread_id", "bigint").execute();
  await db.schema.alterTable("generations").addColumn("guest_query_id", "text").execute();
  await db.schema.alterTable("generations").addColumn("inline_message_id", "text").execute();
  await db.schema.alterTable("messages").addColumn("scope", "text").execute();
}
