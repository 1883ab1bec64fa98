import type { Kysely } from "kysely";
import { IN_FLIGHT } from "./generations-repository.js";
import type { Database } from "./schema.js";

const DAY_MS = 86_400_000;

/** The figures /stats adds: growth, activity, Stars, tokens, failures and jobs in flight. */
export function createStatsRepository(db: Kysely<Database>) {
  const count = async (query: Promise<{ n: unknown } | undefined>) => Number((await query)?.n ?? 0);

  return {
    async overview(now: number) {
      const newUsers = (days: number) =>
        count(
          db
            .selectFrom("users")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("created_at", ">", now - days * DAY_MS)
            .executeTakeFirst(),
        );
      // Active: sent at least one request that counted (a hold) in the window.
      const active = (days: number) =>
        count(
          db
            .selectFrom("holds")
            .select((eb) => eb.fn.count("user_id").distinct().as("n"))
            .where("created_at", ">", now - days * DAY_MS)
            .executeTakeFirst(),
        );
      const stars = (days: number) =>
        count(
          db
            .selectFrom("payments")
            .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("stars"), eb.lit(0)).as("n"))
            .where("created_at", ">", now - days * DAY_MS)
            .where("refunded_at", "is", null)
            .executeTakeFirst(),
        );
      const sold = count(
        db
          .selectFrom("payments")
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("tokens"), eb.lit(0)).as("n"))
          .where("refunded_at", "is", null)
          .executeTakeFirst(),
      );
      const spent = count(
        db
          .selectFrom("holds")
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.lit(0)).as("n"))
          .where("status", "=", "captured")
          .executeTakeFirst(),
      );
      const inFlight = count(
        db
          .selectFrom("generations")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "in", IN_FLIGHT)
          .executeTakeFirst(),
      );
      const [new1, new7, active1, active7, stars1, stars30, tokensSold, tokensSpent, jobsInFlight] = await Promise.all([
        newUsers(1),
        newUsers(7),
        active(1),
        active(7),
        stars(1),
        stars(30),
        sold,
        spent,
        inFlight,
      ]);
      return { new1, new7, active1, active7, stars1, stars30, tokensSold, tokensSpent, jobsInFlight };
    },

    /** Finished jobs per model over the last 30 days: how many, and how many failed. */
    outcomesByModel: (now: number) =>
      db
        .selectFrom("generations")
        .select((eb) => [
          "model",
          eb.fn.countAll<number>().as("total"),
          eb.fn.sum<number>(eb.case().when("status", "in", ["failed", "released"]).then(1).else(0).end()).as("failed"),
        ])
        .where("created_at", ">", now - 30 * DAY_MS)
        .where("status", "in", ["captured", "failed", "released"])
        .groupBy("model")
        .execute(),
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
