import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database, GenerationsTable } from "./schema.js";

export type GenerationRow = Selectable<GenerationsTable>;

export interface NewGeneration {
  userId: number;
  chatId: number;
  model: string;
  kind: string;
  params: Record<string, unknown>;
  prompt: string | null;
  inputs: unknown;
  price: number;
  deadlineAt: number;
  /** Outside the private chat: the prompt to reply to and its forum topic. */
  replyTo?: number;
  threadId?: number;
  /** Guest mode: the query the answer goes to. */
  guestQueryId?: string;
}

/** States a restart must pick up again. */
export const IN_FLIGHT = ["held", "submitted", "polling", "delivering", "delivered", "failed"] as const;

/** Generation jobs: one row each, moved through its states with compare-and-set updates. */
export function createGenerationsRepository(db: Kysely<Database>, now: () => number) {
  return {
    async create(g: NewGeneration): Promise<GenerationRow> {
      const at = now();
      return db
        .insertInto("generations")
        .values({
          user_id: g.userId,
          chat_id: g.chatId,
          model: g.model,
          kind: g.kind,
          params: JSON.stringify(g.params),
          prompt: g.prompt,
          inputs: g.inputs === undefined ? null : JSON.stringify(g.inputs),
          price: g.price,
          status: "quoted",
          deadline_at: g.deadlineAt,
          reply_to_message_id: g.replyTo ?? null,
          thread_id: g.threadId ?? null,
          guest_query_id: g.guestQueryId ?? null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    get: (id: number) => db.selectFrom("generations").selectAll().where("id", "=", id).executeTakeFirst(),

    /** Moves a job from one of `from` to a new state; false when another actor got there first. */
    async transition(
      id: number,
      from: readonly string[],
      changes: Updateable<GenerationsTable> & { status: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable("generations")
        .set({ ...changes, updated_at: now() })
        .where("id", "=", id)
        .where("status", "in", from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async update(id: number, changes: Updateable<GenerationsTable>) {
      await db
        .updateTable("generations")
        .set({ ...changes, updated_at: now() })
        .where("id", "=", id)
        .execute();
    },

    inFlight: () => db.selectFrom("generations").selectAll().where("status", "in", IN_FLIGHT).orderBy("id").execute(),

    duePolls: (at: number, limit = 20) =>
      db
        .selectFrom("generations")
        .selectAll()
        .where("status", "=", "polling")
        .where("next_poll_at", "<=", at)
        .orderBy("next_poll_at")
        .limit(limit)
        .execute(),

    /** The user's jobs that are still running (for "one at a time" checks and /balance). */
    activeFor: (userId: number) =>
      db.selectFrom("generations").selectAll().where("user_id", "=", userId).where("status", "in", IN_FLIGHT).execute(),

    /** Tokens a user's jobs in one chat took (or hold) since `since`: the group's per-member daily cap. */
    async spentInChat(userId: number, chatId: number, since: number): Promise<number> {
      const row = await db
        .selectFrom("generations")
        .select((eb) => eb.fn.sum<number>("price").as("tokens"))
        .where("user_id", "=", userId)
        .where("chat_id", "=", chatId)
        .where("created_at", ">=", since)
        .where("status", "not in", ["quoted", "cancelled", "released", "failed"])
        .executeTakeFirst();
      return Number(row?.tokens ?? 0);
    },

    spentByModel: () =>
      db
        .selectFrom("generations")
        .select((eb) => ["model", eb.fn.countAll<number>().as("count"), eb.fn.sum<number>("price").as("tokens")])
        .where("status", "=", "captured")
        .groupBy("model")
        .orderBy("tokens", "desc")
        .execute(),
  };
}

export type GenerationsRepository = ReturnType<typeof createGenerationsRepository>;
