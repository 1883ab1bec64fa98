import type { Kysely } from "kysely";

/** Files a user sent that wait for the rest of a request (a prompt, or face-swap's second photo). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("pending_inputs", "text").execute();
}
