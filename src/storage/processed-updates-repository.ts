import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** How long an update id is remembered: Telegram gives up redelivering well within a day. */
export const PROCESSED_UPDATES_KEPT_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * The update ids already taken, shared by every instance: the unique key lets exactly one insert of
 * an id in, whichever instance (or retry) comes first. Ids older than a day are pruned hourly.
 */
export function createProcessedUpdatesRepository(db: Kysely<Database>, now: () => number) {
  let prunedAt = 0;
  return {
    /** Records the update; true for its first delivery, false for a repeat. */
    async firstDelivery(updateId: number): Promise<boolean> {
      const at = now();
      if (at - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = at;
        await db
          .deleteFrom("processed_updates")
          .where("received_at", "<", at - PROCESSED_UPDATES_KEPT_MS)
          .execute();
      }
      const inserted = await db
        .insertInto("processed_updates")
        .values({ update_id: updateId, received_at: at })
        .onConflict((oc) => oc.column("update_id").doNothing())
        .returning("update_id")
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}

export type ProcessedUpdatesRepository = ReturnType<typeof createProcessedUpdatesRepository>;
