import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** A product's stored health: the upstream in use, whether it is available, when it was last checked. */
export interface StoredModelHealth {
  slug: string;
  upstream: string;
  available: boolean;
  checkedAt: number | null;
}

export function createModelHealthRepository(db: Kysely<Database>) {
  return {
    async all(): Promise<StoredModelHealth[]> {
      const rows = await db.selectFrom("model_health").selectAll().execute();
      return rows.map((row) => ({
        slug: row.slug,
        upstream: row.upstream,
        available: Number(row.available) === 1,
        checkedAt: row.checked_at === null ? null : Number(row.checked_at),
      }));
    },
    /** Writes these products' states (others are left as they are), in one transaction. */
    async save(states: readonly StoredModelHealth[]): Promise<void> {
      if (states.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const state of states) {
          const values = { upstream: state.upstream, available: state.available ? 1 : 0, checked_at: state.checkedAt };
          await trx
            .insertInto("model_health")
            .values({ slug: state.slug, ...values })
            .onConflict((oc) => oc.column("slug").doUpdateSet(values))
            .execute();
        }
      });
    },
  };
}

export type ModelHealthRepository = ReturnType<typeof createModelHealthRepository>;
