import type { Kysely } from "kysely";
import type { Dialect } from "../database.js";

/** Results of API jobs, served under an unguessable token until they expire (24 hours). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("api_files")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("generation_id", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("data", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("api_files_generation").on("api_files").columns(["generation_id", "position"]).execute();
  await db.schema.createIndex("api_files_expiry").on("api_files").columns(["expires_at"]).execute();
}
