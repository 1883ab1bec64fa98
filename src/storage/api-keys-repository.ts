import type { Kysely, Selectable } from "kysely";
import type { ApiKeysTable, Database } from "./schema.js";

export type ApiKeyRow = Selectable<ApiKeysTable>;

/** Developer API keys by their hash; a revoked key is kept (with `revoked_at`) so old jobs still name it. */
export function createApiKeysRepository(db: Kysely<Database>, now: () => number) {
  return {
    /** The user's keys that still work, oldest first. */
    active: (userId: number) =>
      db
        .selectFrom("api_keys")
        .selectAll()
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .orderBy("id")
        .execute(),

    /**
     * Adds a key unless the user already has `max` working keys (checked in the same transaction);
     * `undefined` when the limit is reached.
     */
    async insert(key: { userId: number; label: string; hash: string; last4: string }, max: number) {
      return db.transaction().execute(async (trx) => {
        const { count } = await trx
          .selectFrom("api_keys")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .where("user_id", "=", key.userId)
          .where("revoked_at", "is", null)
          .executeTakeFirstOrThrow();
        if (Number(count) >= max) return undefined;
        return trx
          .insertInto("api_keys")
          .values({ user_id: key.userId, label: key.label, hash: key.hash, last4: key.last4, created_at: now() })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
    },

    /** Revokes one of the user's keys; false when it is not theirs or already revoked. */
    async revoke(userId: number, id: number): Promise<boolean> {
      const result = await db
        .updateTable("api_keys")
        .set({ revoked_at: now() })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A working key by its hash. */
    findActive: (hash: string) =>
      db.selectFrom("api_keys").selectAll().where("hash", "=", hash).where("revoked_at", "is", null).executeTakeFirst(),

    async touch(id: number) {
      await db.updateTable("api_keys").set({ last_used_at: now() }).where("id", "=", id).execute();
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;
