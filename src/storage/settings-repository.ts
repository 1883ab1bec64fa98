import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Bot-wide values kept in the database (generated once, then read at every start). */
export function createSettingsRepository(db: Kysely<Database>, now: () => number) {
  return {
    get: async (key: string): Promise<string | undefined> =>
      (await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst())?.value,

    /** The value under `key`; the first caller's `value` wins, so processes starting together agree. */
    async getOrCreate(key: string, value: () => string): Promise<string> {
      await db
        .insertInto("settings")
        .values({ key, value: value(), created_at: now() })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
