import type { Kysely, Selectable } from "kysely";
import type { Database, KeptPromptsTable } from "./schema.js";

export type KeptPromptRow = Selectable<KeptPromptsTable>;

/** How long a prompt refused for want of tokens may still be run after a purchase. */
export const KEPT_PROMPT_MS = 24 * 60 * 60 * 1000;

/**
 * Prompts refused for want of tokens. A user has at most one live kept prompt: keeping a newer one
 * retires the older. Running one is claimed by one conditional update, so two presses (or two
 * instances) run it once.
 */
export function createKeptPromptsRepository(db: Kysely<Database>, now: () => number) {
  return {
    /** Keeps the refused job's request for `KEPT_PROMPT_MS`; a job kept already stays as it is. */
    async keep(userId: number, generationId: number): Promise<void> {
      const at = now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("kept_prompts")
          .set({ used_at: at })
          .where("user_id", "=", userId)
          .where("used_at", "is", null)
          .where("generation_id", "!=", generationId)
          .execute();
        await trx
          .insertInto("kept_prompts")
          .values({ generation_id: generationId, user_id: userId, kept_at: at, expires_at: at + KEPT_PROMPT_MS })
          .onConflict((oc) => oc.column("generation_id").doNothing())
          .execute();
      });
    },

    /** The user's live kept prompt: not run, not replaced, not expired. */
    live: (userId: number): Promise<KeptPromptRow | undefined> =>
      db
        .selectFrom("kept_prompts")
        .selectAll()
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .where("expires_at", ">", now())
        .orderBy("kept_at", "desc")
        .executeTakeFirst(),

    /** Takes the kept prompt for one run; false if it was run, replaced or expired meanwhile. */
    async claim(userId: number, generationId: number): Promise<boolean> {
      const at = now();
      const result = await db
        .updateTable("kept_prompts")
        .set({ used_at: at })
        .where("generation_id", "=", generationId)
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .where("expires_at", ">", at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type KeptPromptsRepository = ReturnType<typeof createKeptPromptsRepository>;
