import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, PaymentsTable } from "./schema.js";

export type PaymentRow = Selectable<PaymentsTable>;
type Db = Kysely<Database> | Transaction<Database>;

export interface PaymentTotals {
  payments: number;
  stars: number;
  refunds: number;
  refundedStars: number;
  payers: number;
}

/** Stars payments, one row per `telegram_payment_charge_id`; writers take the caller's transaction. */
export function createPaymentsRepository(db: Kysely<Database>) {
  return {
    /** Inserts the payment unless its charge id is already recorded; returns whether it was new. */
    async insert(trx: Db, row: Insertable<PaymentsTable>): Promise<boolean> {
      const inserted = await trx
        .insertInto("payments")
        .values(row)
        .onConflict((oc) => oc.column("charge_id").doNothing())
        .returning("charge_id")
        .executeTakeFirst();
      return inserted !== undefined;
    },

    find: (chargeId: string, trx: Db = db) =>
      trx.selectFrom("payments").selectAll().where("charge_id", "=", chargeId).executeTakeFirst(),

    /** Marks a payment credited once; returns false if it already was. */
    async markCredited(trx: Db, chargeId: string, at: number): Promise<boolean> {
      const result = await trx
        .updateTable("payments")
        .set({ credited_at: at })
        .where("charge_id", "=", chargeId)
        .where("credited_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** What a payment bought, as known when it is credited. */
    async setProduct(trx: Db, chargeId: string, product: { kind: string; product: string; tokens: number }) {
      await trx.updateTable("payments").set(product).where("charge_id", "=", chargeId).execute();
    },

    /** Which of these charge ids are recorded, with whether each was credited and refunded. */
    findMany: (chargeIds: readonly string[]) =>
      chargeIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom("payments")
            .select(["charge_id", "user_id", "credited_at", "refunded_at"])
            .where("charge_id", "in", chargeIds)
            .execute(),

    /** Marks a payment refunded once; returns false if it already was. */
    async markRefunded(trx: Db, chargeId: string, tokens: number, at: number): Promise<boolean> {
      const result = await trx
        .updateTable("payments")
        .set({ refunded_at: at, refunded_tokens: tokens })
        .where("charge_id", "=", chargeId)
        .where("refunded_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    recent: (userId: number, limit = 10) =>
      db
        .selectFrom("payments")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc")
        .limit(limit)
        .execute(),

    async totals(): Promise<PaymentTotals> {
      const row = await db
        .selectFrom("payments")
        .select((eb) => [
          eb.fn.countAll<number>().as("payments"),
          eb.fn.coalesce(eb.fn.sum<number>("stars"), eb.lit(0)).as("stars"),
          eb.fn.count<number>("refunded_at").as("refunds"),
          eb.fn
            .coalesce(
              eb.fn.sum<number>(eb.case().when("refunded_at", "is not", null).then(eb.ref("stars")).else(0).end()),
              eb.lit(0),
            )
            .as("refunded_stars"),
          eb.fn.count<number>("user_id").distinct().as("payers"),
        ])
        .executeTakeFirstOrThrow();
      return {
        payments: Number(row.payments),
        stars: Number(row.stars),
        refunds: Number(row.refunds),
        refundedStars: Number(row.refunded_stars),
        payers: Number(row.payers),
      };
    },
  };
}

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
