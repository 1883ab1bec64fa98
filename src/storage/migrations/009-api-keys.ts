import type { Kysely } from "kysely";
import type { Dialect } from "../database.js";

/**
 * Developer API keys (only their SHA-256 is stored), and on each generation where it came from:
 * `origin` picks the job's output (Telegram or stored API results), `idempotency_key` makes a
 * client's retried request run once.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const autoIncrement = dialect === "sqlite";
  await db.schema
    .createTable("api_keys")
    .addColumn("id", dialect === "postgres" ? "serial" : "integer", (c) =>
      autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .addColumn("last4", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("api_keys_user").on("api_keys").columns(["user_id"]).execute();

  await db.schema
    .alterTable("generations")
    .addColumn("origin", "text", (c) => c.notNull().defaultTo("telegram"))
    .execute();
  await db.schema.alterTable("generations").addColumn("api_key_id", "integer").execute();
  await db.schema.alterTable("generations").addColumn("idempotency_key", "text").execute();
  // Several NULLs never collide in either database: only requests that carry a key are unique.
  await db.schema
    .createIndex("generations_idempotency")
    .on("generations")
    .columns(["user_id", "idempotency_key"])
    .unique()
    .execute();
}
