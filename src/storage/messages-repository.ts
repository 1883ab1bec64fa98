import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface Turn {
  role: "user" | "assistant";
  content: string;
}

/** Conversation history for text models, kept in the database so a restart loses nothing. */
export function createMessagesRepository(db: Kysely<Database>, now: () => number) {
  return {
    async append(userId: number, conversationId: number, turns: Turn[], model: string) {
      if (turns.length === 0) return;
      await db
        .insertInto("messages")
        .values(
          turns.map((t) => ({
            user_id: userId,
            conversation_id: conversationId,
            role: t.role,
            content: t.content,
            model,
            created_at: now(),
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
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => ({ role: r.role as Turn["role"], content: r.content }));
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
