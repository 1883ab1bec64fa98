import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** grammY's storage shape (read / write / delete by key) over the database, for conversation state. */
export interface KeyValueStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createConversationStateStorage<T>(db: Kysely<Database>, now: () => number): KeyValueStorage<T> {
  return {
    async read(key) {
      const row = await db.selectFrom("conversation_state").select("state").where("key", "=", key).executeTakeFirst();
      return row ? (JSON.parse(row.state) as T) : undefined;
    },
    async write(key, value) {
      const state = JSON.stringify(value);
      await db
        .insertInto("conversation_state")
        .values({ key, state, updated_at: now() })
        .onConflict((oc) => oc.column("key").doUpdateSet({ state, updated_at: now() }))
        .execute();
    },
    async delete(key) {
      await db.deleteFrom("conversation_state").where("key", "=", key).execute();
    },
  };
}
