import type { Kysely } from "kysely";

/** Referral rewards (one per charge), promo codes and their redemptions, blocked and opted-out users. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("blocked", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("users")
    .addColumn("broadcast_opt_out", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("users_referrer").on("users").column("referrer_id").execute();

  await db.schema
    .createTable("referral_rewards")
    .addColumn("charge_id", "text", (c) => c.primaryKey())
    .addColumn("referrer_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("referee_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("tokens", "integer", (c) => c.notNull())
    .addColumn("taken_back", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("referral_rewards_referrer").on("referral_rewards").column("referrer_id").execute();

  await db.schema
    .createTable("promo_codes")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("tokens", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bonus_percent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_uses", "integer")
    .addColumn("uses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "bigint")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("promo_redemptions")
    .addColumn("code", "text", (c) => c.notNull().references("promo_codes.code"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("tokens", "integer", (c) => c.notNull())
    .addColumn("bonus_percent", "integer", (c) => c.notNull())
    .addColumn("bonus_charge_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("promo_redemptions_pk", ["code", "user_id"])
    .execute();
}
