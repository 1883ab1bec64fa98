import type { Kysely } from "kysely";

/** How many messages of a result reached the chat, so a delivery resumed after a failure or restart sends only the rest. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("generations")
    .addColumn("delivered_parts", "integer", (column) => column.notNull().defaultTo(0))
    .execute();
}
