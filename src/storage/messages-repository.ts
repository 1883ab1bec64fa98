import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

export interface Turn {
  role: "user" | "assistant";
  content: string;
}

/**
 * Conversation history for text models, kept in the database so a restart loses nothing. A turn
 * without a scope is the user's private conversation; a scope names a shared one (a group's topic).
 */
export function createMessagesRepository(db: Kysely<Database>, now: () => number) {
  return {
    /** Stores the turns; in `trx` when given (a job's end stores its turn with its capture). */
    async append(
      userId: number,
      conversationId: number,
      turns: Turn[],
      model: string,
      scope: string | null = null,
      trx?: Transaction<Database>,
    ) {
      if (turns.length === 0) return;
      await (trx ?? db)
        .insertInto("messages")
        .values(
          turns.map((t) => ({
            user_id: userId,
            conversation_id: conversationId,
            role: t.role,
            content: t.content,
            model,
            created_at: now(),
            scope,
          })),
        )
        .execute();
    },

    /** The last `limit` turns, oldest first. */
    async recent(userId: number, conversationId: number, limit: number): Promise<Turn[]> {
      const rows = await db
        .selectFrom("messages")
        .select(["role", "content"])
        .where("user_id", "=", userId)
        .where("conversation_id", "=", conversationId)
        .where("scope", "is", null)
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => ({ role: r.role as Turn["role"], content: r.content }));
    },

    /** The last `limit` turns of a shared conversation (every member's), oldest first. */
    async recentInScope(scope: string, limit: number): Promise<Turn[]> {
      const rows = await db
        .selectFrom("messages")
        .select(["role", "content"])
        .where("scope", "=", scope)
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => ({ role: r.role as Turn["role"], content: r.content }));
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
