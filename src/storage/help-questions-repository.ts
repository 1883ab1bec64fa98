import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

const HOUR_MS = 60 * 60 * 1000;

/** The outcome of asking for a slot: taken, or refused until `resetsAt` (ms). */
export type HelpSlot = { ok: true } | { ok: false; resetsAt: number };

/**
 * The free help desk's rolling hourly limit per user, in the database so every instance counts the
 * same questions. Rows older than the window are dropped as the user asks again.
 */
export function createHelpQuestionsRepository(db: Kysely<Database>, now: () => number) {
  /** The questions asked within the last hour, oldest first. */
  const recent = (executor: Kysely<Database>, userId: number, at: number) =>
    executor
      .selectFrom("help_questions")
      .select("asked_at")
      .where("user_id", "=", userId)
      .where("asked_at", ">", at - HOUR_MS)
      .orderBy("asked_at", "asc")
      .execute();

  const verdict = (asked: { asked_at: number }[], limit: number): HelpSlot | undefined => {
    if (asked.length < limit) return undefined;
    // A slot frees when the question `limit` places from the newest leaves the window.
    return { ok: false, resetsAt: (asked[asked.length - limit]?.asked_at ?? now()) + HOUR_MS };
  };

  return {
    /** Whether the user may ask now, without taking a slot (before the question is typed). */
    async check(userId: number, limit: number): Promise<HelpSlot> {
      return verdict(await recent(db, userId, now()), limit) ?? { ok: true };
    },

    /** Takes a slot for one question, or says when one frees. */
    async take(userId: number, limit: number): Promise<HelpSlot> {
      const at = now();
      return db.transaction().execute(async (trx) => {
        // A no-op update locks the user's row (both dialects): two questions at once count one after the other.
        await trx
          .updateTable("users")
          .set((eb) => ({ id: eb.ref("id") }))
          .where("id", "=", userId)
          .execute();
        await trx
          .deleteFrom("help_questions")
          .where("user_id", "=", userId)
          .where("asked_at", "<=", at - HOUR_MS)
          .execute();
        const refused = verdict(await recent(trx, userId, at), limit);
        if (refused) return refused;
        await trx.insertInto("help_questions").values({ user_id: userId, asked_at: at }).execute();
        return { ok: true } as const;
      });
    },
  };
}

export type HelpQuestionsRepository = ReturnType<typeof createHelpQuestionsRepository>;
