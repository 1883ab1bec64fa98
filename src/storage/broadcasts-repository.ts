import type { Kysely } from "kysely";
import { sql } from "./kysely-runtime.js";
import type { Database } from "./schema.js";

export interface BroadcastCounts {
  total: number;
  pending: number;
  delivered: number;
  blocked: number;
  failed: number;
}

export type DeliveryOutcome = "delivered" | "blocked" | "failed" | "pending";

/**
 * Broadcasts and their per-recipient rows. A row is claimed (`sending`) before its message is sent
 * and settled after; a row a crash left `sending` is never sent again, so nobody gets one twice.
 */
export function createBroadcastsRepository(db: Kysely<Database>, now: () => number) {
  const recipients = (adminId: number) =>
    db.selectFrom("users").where("broadcast_opt_out", "=", 0).where("blocked", "=", 0).where("id", "!=", adminId);

  return {
    /** The admin's next message becomes this broadcast's text. */
    async awaitMessage(adminId: number, chatId: number): Promise<number> {
      await db
        .updateTable("broadcasts")
        .set({ status: "cancelled" })
        .where("admin_id", "=", adminId)
        .where("status", "in", ["awaiting", "draft"])
        .execute();
      const row = await db
        .insertInto("broadcasts")
        .values({
          admin_id: adminId,
          admin_chat_id: chatId,
          text: "",
          entities: null,
          status: "awaiting",
          created_at: now(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async cancelAwaiting(adminId: number) {
      await db
        .updateTable("broadcasts")
        .set({ status: "cancelled" })
        .where("admin_id", "=", adminId)
        .where("status", "=", "awaiting")
        .execute();
    },

    awaiting: (adminId: number) =>
      db
        .selectFrom("broadcasts")
        .selectAll()
        .where("admin_id", "=", adminId)
        .where("status", "=", "awaiting")
        .executeTakeFirst(),

    async setDraft(id: number, text: string, entities: unknown[] | undefined) {
      await db
        .updateTable("broadcasts")
        .set({ text, entities: entities?.length ? JSON.stringify(entities) : null, status: "draft" })
        .where("id", "=", id)
        .execute();
    },

    get: (id: number) => db.selectFrom("broadcasts").selectAll().where("id", "=", id).executeTakeFirst(),

    async recipientCount(adminId: number): Promise<number> {
      const row = await recipients(adminId)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Draft → sending with its recipients fixed now, once (a second confirm finds it no longer a draft). */
    async start(id: number, progressMessageId: number | null): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const started = await trx
          .updateTable("broadcasts")
          .set({ status: "sending", progress_message_id: progressMessageId })
          .where("id", "=", id)
          .where("status", "=", "draft")
          .returning("admin_id")
          .executeTakeFirst();
        if (!started) return false;
        const at = now();
        await trx
          .insertInto("broadcast_deliveries")
          .columns(["broadcast_id", "user_id", "chat_id", "status", "updated_at"])
          .expression(
            // Typed casts: PostgreSQL does not infer a bare parameter's type in a select list.
            recipients(started.admin_id).select([
              sql<number>`cast(${id} as integer)`.as("broadcast_id"),
              "id",
              "chat_id",
              sql<string>`cast(${"pending"} as text)`.as("status"),
              sql<number>`cast(${at} as bigint)`.as("updated_at"),
            ]),
          )
          .execute();
        return true;
      });
    },

    async cancel(id: number): Promise<boolean> {
      const result = await db
        .updateTable("broadcasts")
        .set({ status: "cancelled" })
        .where("id", "=", id)
        .where("status", "in", ["awaiting", "draft"])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    sending: () => db.selectFrom("broadcasts").selectAll().where("status", "=", "sending").orderBy("id").execute(),

    /** Rows a crash left mid-send may or may not have arrived: never send them again, count them failed. */
    async abandonInFlight(id: number) {
      await db
        .updateTable("broadcast_deliveries")
        .set({ status: "failed", updated_at: now() })
        .where("broadcast_id", "=", id)
        .where("status", "=", "sending")
        .execute();
    },

    /** Claims the next pending recipient, or `undefined` when none is left. */
    async claimNext(id: number) {
      for (;;) {
        const next = await db
          .selectFrom("broadcast_deliveries")
          .select(["user_id", "chat_id"])
          .where("broadcast_id", "=", id)
          .where("status", "=", "pending")
          .orderBy("user_id")
          .limit(1)
          .executeTakeFirst();
        if (!next) return undefined;
        const claimed = await db
          .updateTable("broadcast_deliveries")
          .set({ status: "sending", updated_at: now() })
          .where("broadcast_id", "=", id)
          .where("user_id", "=", next.user_id)
          .where("status", "=", "pending")
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 1) return next;
      }
    },

    async settle(id: number, userId: number, outcome: DeliveryOutcome) {
      await db
        .updateTable("broadcast_deliveries")
        .set({ status: outcome, updated_at: now() })
        .where("broadcast_id", "=", id)
        .where("user_id", "=", userId)
        .execute();
    },

    async counts(id: number): Promise<BroadcastCounts> {
      const rows = await db
        .selectFrom("broadcast_deliveries")
        .select((eb) => ["status", eb.fn.countAll().as("n")])
        .where("broadcast_id", "=", id)
        .groupBy("status")
        .execute();
      const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      const counts = {
        pending: (by.pending ?? 0) + (by.sending ?? 0),
        delivered: by.delivered ?? 0,
        blocked: by.blocked ?? 0,
        failed: by.failed ?? 0,
      };
      return { ...counts, total: counts.pending + counts.delivered + counts.blocked + counts.failed };
    },

    /** Sending → done, once; `false` if it already was. */
    async finish(id: number): Promise<boolean> {
      const result = await db
        .updateTable("broadcasts")
        .set({ status: "done", finished_at: now() })
        .where("id", "=", id)
        .where("status", "=", "sending")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type BroadcastsRepository = ReturnType<typeof createBroadcastsRepository>;
