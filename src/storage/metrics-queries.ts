import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** The deployment-wide figures of `/metrics`, each one aggregate query. */
export function createMetricsQueries(db: Kysely<Database>) {
  return {
    async jobsByState(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom("generations")
        .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
        .groupBy("status")
        .execute();
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },
    async holdsOpen(): Promise<{ count: number; tokens: number }> {
      const row = await db
        .selectFrom("holds")
        .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.sum<number>("amount").as("tokens")])
        .where("status", "=", "held")
        .executeTakeFirst();
      return { count: Number(row?.count ?? 0), tokens: Number(row?.tokens ?? 0) };
    },
    async tokensCaptured(): Promise<number> {
      const row = await db
        .selectFrom("holds")
        .select((eb) => eb.fn.sum<number>("amount").as("tokens"))
        .where("status", "=", "captured")
        .executeTakeFirst();
      return Number(row?.tokens ?? 0);
    },
    async paymentsCredited(): Promise<number> {
      const row = await db
        .selectFrom("payments")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("credited_at", "is not", null)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
  };
}
