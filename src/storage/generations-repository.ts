import type { Kysely, Selectable, Transaction, Updateable } from "kysely";
import { createJobLeases } from "./job-leases.js";
import type { Database, GenerationsTable } from "./schema.js";

export type GenerationRow = Selectable<GenerationsTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** The Telegram message that asked for a job: the same message never makes a second one. */
export interface RequestRef {
  chatId: number;
  messageId: number;
}

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
  request?: RequestRef;
  /** Which front started the job (default `telegram`); it picks the job's output. */
  origin?: string;
  apiKeyId?: number;
  idempotencyKey?: string;
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
    ...createJobLeases(db, now),

    /**
     * Records a quoted job; for a request message that already has a job, returns that job with
     * `created: false` and changes nothing.
     */
    async create(g: NewGeneration): Promise<{ job: GenerationRow; created: boolean }> {
      const at = now();
      const inserted = await db
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
          request_chat_id: g.request?.chatId ?? null,
          request_message_id: g.request?.messageId ?? null,
          reply_to_message_id: g.replyTo ?? null,
          thread_id: g.threadId ?? null,
          guest_query_id: g.guestQueryId ?? null,
          created_at: at,
          updated_at: at,
          ...(g.origin ? { origin: g.origin } : {}),
          api_key_id: g.apiKeyId ?? null,
          idempotency_key: g.idempotencyKey ?? null,
        })
        .onConflict((oc) => oc.columns(["request_chat_id", "request_message_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { job: inserted, created: true };
      const existing = g.request
        ? await db
            .selectFrom("generations")
            .selectAll()
            .where("request_chat_id", "=", g.request.chatId)
            .where("request_message_id", "=", g.request.messageId)
            .executeTakeFirst()
        : undefined;
      if (!existing) throw new Error("generation insert returned nothing");
      return { job: existing, created: false };
    },

    /** Runs `fn` in one transaction (a job's state change and the hold it moves commit together). */
    inTransaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),

    /**
     * Inside the sweeper's transaction: takes the job's row lock and answers whether it is out of
     * flight (a quote still open is closed first, so it can't start on a hold given back). A job
     * that does not exist is out of flight too.
     */
    async claimIdle(trx: Db, id: number): Promise<boolean> {
      await trx
        .updateTable("generations")
        .set({ status: "cancelled", updated_at: now() })
        .where("id", "=", id)
        .where("status", "=", "quoted")
        .execute();
      const idle = await trx
        .updateTable("generations")
        .set({ updated_at: now() })
        .where("id", "=", id)
        .where("status", "not in", IN_FLIGHT)
        .executeTakeFirst();
      if (Number(idle.numUpdatedRows) === 1) return true;
      const exists = await trx.selectFrom("generations").select("id").where("id", "=", id).executeTakeFirst();
      return exists === undefined;
    },

    /** The user's job made for a client's Idempotency-Key, if any. */
    byIdempotencyKey: (userId: number, key: string) =>
      db
        .selectFrom("generations")
        .selectAll()
        .where("user_id", "=", userId)
        .where("idempotency_key", "=", key)
        .executeTakeFirst(),

    /**
     * How many jobs started with one API key are still working on their result (its concurrency cap);
     * a job whose result exists is only being settled, and a client that waited for it may go on.
     */
    async activeCountForKey(apiKeyId: number): Promise<number> {
      const row = await db
        .selectFrom("generations")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("api_key_id", "=", apiKeyId)
        .where("status", "in", ["held", "submitted", "polling"])
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    get: (id: number) => db.selectFrom("generations").selectAll().where("id", "=", id).executeTakeFirst(),

    /** Moves a job from one of `from` to a new state; false when another actor got there first. */
    async transition(
      id: number,
      from: readonly string[],
      changes: Updateable<GenerationsTable> & { status: string },
      trx: Db = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable("generations")
        .set({ ...changes, updated_at: now() })
        .where("id", "=", id)
        .where("status", "in", from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** `transition`, answering the job's row as the change left it (undefined when another actor got there first). */
    transitionRow: (
      id: number,
      from: readonly string[],
      changes: Updateable<GenerationsTable> & { status: string },
      trx: Db = db,
    ): Promise<GenerationRow | undefined> =>
      trx
        .updateTable("generations")
        .set({ ...changes, updated_at: now() })
        .where("id", "=", id)
        .where("status", "in", from)
        .returningAll()
        .executeTakeFirst(),

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
