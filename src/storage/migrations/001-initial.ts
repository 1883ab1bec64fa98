import type { Kysely } from "kysely";
import type { Dialect } from "../database.js";
import { sql } from "../kysely-runtime.js";

/** Accounts, the append-only ledger, holds, conversation history, generation jobs, payments. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const autoId = dialect === "postgres" ? "serial" : "integer";
  const autoIncrement = dialect === "sqlite";

  await db.schema
    .createTable("users")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("chat_id", "bigint", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("username", "text")
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("plan", "text", (c) => c.notNull().defaultTo("starter"))
    .addColumn("plan_expires_at", "bigint")
    .addColumn("plan_charge_id", "text")
    .addColumn("plan_canceled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sub_tokens", "integer", (c) => c.notNull().defaultTo(0).check(sqlNonNegative("sub_tokens")))
    .addColumn("pkg_tokens", "integer", (c) => c.notNull().defaultTo(0).check(sqlNonNegative("pkg_tokens")))
    .addColumn("selected_model", "text")
    .addColumn("model_params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("auto_confirm", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("conversation_id", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("referrer_id", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("ledger_entries")
    .addColumn("id", autoId, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sub_delta", "integer", (c) => c.notNull())
    .addColumn("pkg_delta", "integer", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("hold_key", "text")
    .addColumn("source", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ledger_entries_user").on("ledger_entries").columns(["user_id", "id"]).execute();

  await db.schema
    .createTable("holds")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("sub_part", "integer", (c) => c.notNull())
    .addColumn("pkg_part", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("settled_at", "bigint")
    .execute();
  await db.schema.createIndex("holds_user_time").on("holds").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("messages")
    .addColumn("id", autoId, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("conversation_id", "integer", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("model", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("messages_conversation")
    .on("messages")
    .columns(["user_id", "conversation_id", "id"])
    .execute();

  await db.schema
    .createTable("generations")
    .addColumn("id", autoId, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("chat_id", "bigint", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("prompt", "text")
    .addColumn("inputs", "text")
    .addColumn("price", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("provider_job_id", "text")
    .addColumn("progress", "integer")
    .addColumn("polls", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_poll_at", "bigint")
    .addColumn("deadline_at", "bigint")
    .addColumn("quote_message_id", "bigint")
    .addColumn("progress_message_id", "bigint")
    .addColumn("outputs", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("generations_status").on("generations").columns(["status", "next_poll_at"]).execute();
  await db.schema.createIndex("generations_user").on("generations").columns(["user_id", "id"]).execute();

  await db.schema
    .createTable("payments")
    .addColumn("charge_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("product", "text", (c) => c.notNull())
    .addColumn("stars", "integer", (c) => c.notNull())
    .addColumn("tokens", "integer", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("is_recurring", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("subscription_expires_at", "bigint")
    .addColumn("refunded_at", "bigint")
    .addColumn("refunded_tokens", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("payments_user").on("payments").columns(["user_id", "created_at"]).execute();
}

function sqlNonNegative(column: string) {
  return sql`${sql.ref(column)} >= 0`;
}
