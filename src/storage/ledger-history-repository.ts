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
  /** For generations: which front started it (`telegram`, `api`). */
  origin: string | null;
  createdAt: number;
}

/**
 * The ledger as a user reads it: a generation is its hold once delivered (a failed one was given
 * back and nets to zero, so it is left out together with its release), captures change nothing.
 */
export function createLedgerHistoryRepository(db: Kysely<Database>) {
  /**
   * Where each page entry's generation came from. A generation's hold is keyed `gen:<id>`
   * (generation/hold-key); one lookup by primary key per page rather than a join on an expression.
   */
  async function originsOf(holdKeys: (string | null)[]): Promise<Map<string, string>> {
    const ids = holdKeys.flatMap((key) => {
      const id = key ? /^gen:(\d+)$/.exec(key)?.[1] : undefined;
      return id ? [Number(id)] : [];
    });
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom("generations").select(["id", "origin"]).where("id", "in", ids).execute();
    return new Map(rows.map((r) => [`gen:${r.id}`, r.origin]));
  }

  return {
    async page(userId: number, limit: number, offset = 0): Promise<HistoryItem[]> {
      const rows = await db
        .selectFrom("ledger_entries as e")
        .leftJoin("holds as h", "h.key", "e.hold_key")
        .select([
          "e.id",
          "e.kind",
          "e.sub_delta",
          "e.pkg_delta",
          "e.source",
          "e.created_at",
          "e.hold_key",
          "h.status as hold_status",
        ])
        .where("e.user_id", "=", userId)
        // A transfer between buckets (Starter tokens moved to the package bucket) changes no balance.
        .where("e.kind", "not in", ["capture", "release", "transfer"])
        .where((eb) => eb.or([eb("e.kind", "!=", "hold"), eb("h.status", "!=", "released")]))
        .orderBy("e.id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      const origins = await originsOf(rows.map((r) => r.hold_key));
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        delta: r.sub_delta + r.pkg_delta,
        source: r.source,
        holdStatus: r.hold_status,
        origin: (r.hold_key && origins.get(r.hold_key)) ?? null,
        createdAt: r.created_at,
      }));
    },
  };
}

export type LedgerHistoryRepository = ReturnType<typeof createLedgerHistoryRepository>;
