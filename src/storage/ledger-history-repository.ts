import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** One line of a user's token history: what changed the balance, by how much, and when. */
export interface HistoryItem {
  id: number;
  /** The ledger entry kind; a hold is a generation, `pending` while it runs. */
  kind: string;
  /** Change of the spendable balance (both buckets). */
  delta: number;
  source: string | null;
  /** For generations: held (running) or captured (delivered). */
  holdStatus: string | null;
  createdAt: number;
}

/**
 * The ledger as a user reads it: a generation is its hold once delivered (a failed one was given
 * back and nets to zero, so it is left out together with its release), captures change nothing.
 */
export function createLedgerHistoryRepository(db: Kysely<Database>) {
  return {
    async page(userId: number, limit: number, offset = 0): Promise<HistoryItem[]> {
      const rows = await db
        .selectFrom("ledger_entries as e")
        .leftJoin("holds as h", "h.key", "e.hold_key")
        .select(["e.id", "e.kind", "e.sub_delta", "e.pkg_delta", "e.source", "e.created_at", "h.status as hold_status"])
        .where("e.user_id", "=", userId)
        // A transfer between buckets (Starter tokens moved to the package bucket) changes no balance.
        .where("e.kind", "not in", ["capture", "release", "transfer"])
        .where((eb) => eb.or([eb("e.kind", "!=", "hold"), eb("h.status", "!=", "released")]))
        .orderBy("e.id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        delta: r.sub_delta + r.pkg_delta,
        source: r.source,
        holdStatus: r.hold_status,
        createdAt: r.created_at,
      }));
    },
  };
}

export type LedgerHistoryRepository = ReturnType<typeof createLedgerHistoryRepository>;
