import type { Kysely } from "kysely";
import type { Dialect } from "../database.js";

/** Broadcasts and one delivery row per recipient, so a restart resumes and nobody gets one twice. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const autoId = dialect === "postgres" ? "serial" : "integer";
  await db.schema
    .createTable("broadcasts")
    .addColumn("id", autoId, (c) => (dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("admin_id", "bigint", (c) => c.notNull())
    .addColumn("admin_chat_id", "bigint", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("entities", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress_message_id", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  await db.schema
    .createTable("broadcast_deliveries")
    .addColumn("broadcast_id", "integer", (c) => c.notNull().references("broadcasts.id"))
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("chat_id", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("broadcast_deliveries_pk", ["broadcast_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("broadcast_deliveries_status")
    .on("broadcast_deliveries")
    .columns(["broadcast_id", "status"])
    .execute();
}
