import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Rows for /export: payments or ledger entries created in `[from, to)` (epoch ms), oldest first. */
export function createExportRepository(db: Kysely<Database>) {
  return {
    payments: (from: number, to: number) =>
      db
        .selectFrom("payments")
        .select([
          "created_at",
          "charge_id",
          "user_id",
          "kind",
          "product",
          "stars",
          "tokens",
          "is_recurring",
          "refunded_at",
          "refunded_tokens",
        ])
        .where("created_at", ">=", from)
        .where("created_at", "<", to)
        .orderBy("created_at")
        .execute(),

    ledger: (from: number, to: number) =>
      db
        .selectFrom("ledger_entries")
        .select(["id", "created_at", "user_id", "kind", "sub_delta", "pkg_delta", "idempotency_key", "source"])
        .where("created_at", ">=", from)
        .where("created_at", "<", to)
        .orderBy("id")
        .execute(),
  };
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
