import type { Kysely } from "kysely";
import { sql } from "./kysely-runtime.js";
import type { Database } from "./schema.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What an admin looks up about one user: the account by id or @username, recent jobs, request counts. */
export function createUserAdminRepository(db: Kysely<Database>) {
  return {
    /** A numeric id, or a username with or without "@" (case-insensitive). */
    async findByIdOrUsername(query: string) {
      const q = query.trim();
      if (/^\d{1,15}$/.test(q))
        return db.selectFrom("users").selectAll().where("id", "=", Number(q)).executeTakeFirst();
      const name = q.replace(/^@/, "").toLowerCase();
      return db.selectFrom("users").selectAll().where(sql<string>`lower(username)`, "=", name).executeTakeFirst();
    },

    recentJobs: (userId: number, limit = 10) =>
      db
        .selectFrom("generations")
        .select(["id", "model", "status", "price", "created_at"])
        .where("user_id", "=", userId)
        .orderBy("id", "desc")
        .limit(limit)
        .execute(),

    /** Requests that count against rate limits in the last hour and the last day. */
    async requestCounts(userId: number, now: number) {
      const row = await db
        .selectFrom("holds")
        .select((eb) => [
          eb.fn.countAll().as("day"),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when("created_at", ">", now - HOUR_MS)
                .then(1)
                .else(0)
                .end(),
            )
            .as("hour"),
        ])
        .where("user_id", "=", userId)
        .where("created_at", ">", now - DAY_MS)
        .where("status", "!=", "released")
        .executeTakeFirstOrThrow();
      return { hour: Number(row.hour ?? 0), day: Number(row.day) };
    },
  };
}

export type UserAdminRepository = ReturnType<typeof createUserAdminRepository>;
