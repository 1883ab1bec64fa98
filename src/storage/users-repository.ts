import type { Kysely, Selectable } from "kysely";
import type { Database, UsersTable } from "./schema.js";

export type UserRow = Selectable<UsersTable>;

/** Account settings and state other than tokens (the ledger owns the buckets). */
export function createUsersRepository(db: Kysely<Database>) {
  /** The users table's yes/no columns are integers, 0 or 1. */
  async function setFlag(id: number, flag: "plan_canceled" | "blocked" | "broadcast_opt_out", on: boolean) {
    await db
      .updateTable("users")
      .set({ [flag]: on ? 1 : 0 })
      .where("id", "=", id)
      .execute();
  }

  return {
    find: (id: number) => db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst(),

    async get(id: number): Promise<UserRow> {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) throw new Error(`no account for user ${id}`);
      return row;
    },

    /**
     * Some columns of the user's row, for a hot path that needs only those: the whole row (JSON
     * settings included) costs a few times more to read and to build.
     */
    async columns<K extends keyof UserRow & string>(id: number, columns: readonly K[]): Promise<Pick<UserRow, K>> {
      const row = await db
        .selectFrom("users")
        .select(columns as readonly (keyof UserRow & string)[])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) throw new Error(`no account for user ${id}`);
      return row as Pick<UserRow, K>;
    },

    async setLocale(id: number, locale: string) {
      await db.updateTable("users").set({ locale }).where("id", "=", id).execute();
    },

    async selectModel(id: number, slug: string | null) {
      await db.updateTable("users").set({ selected_model: slug }).where("id", "=", id).execute();
    },

    /** The parameters a user chose, per model slug. */
    modelParams(row: Pick<UserRow, "model_params">): Record<string, Record<string, string | number | boolean>> {
      try {
        return JSON.parse(row.model_params) as Record<string, Record<string, string | number | boolean>>;
      } catch {
        return {};
      }
    },

    async setModelParams(id: number, slug: string, params: Record<string, string | number | boolean>) {
      const row = await db.selectFrom("users").select("model_params").where("id", "=", id).executeTakeFirstOrThrow();
      const all = JSON.parse(row.model_params || "{}") as Record<string, unknown>;
      all[slug] = params;
      await db
        .updateTable("users")
        .set({ model_params: JSON.stringify(all) })
        .where("id", "=", id)
        .execute();
    },

    async setAutoConfirm(id: number, tokens: number) {
      await db.updateTable("users").set({ auto_confirm: tokens }).where("id", "=", id).execute();
    },

    /** Starts a fresh conversation; earlier turns stay stored but are no longer sent as context. */
    async newConversation(id: number) {
      await db
        .updateTable("users")
        .set((eb) => ({ conversation_id: eb("conversation_id", "+", 1) }))
        .where("id", "=", id)
        .execute();
    },

    async setPendingInputs(id: number, inputs: unknown[] | null) {
      await db
        .updateTable("users")
        .set({ pending_inputs: inputs && inputs.length > 0 ? JSON.stringify(inputs) : null })
        .where("id", "=", id)
        .execute();
    },

    /** The user stopped (or resumed) their plan's renewal; the plan runs to its end either way. */
    setPlanCanceled: (id: number, canceled: boolean) => setFlag(id, "plan_canceled", canceled),

    /** An admin blocked (or unblocked) the user; nothing runs for a blocked user. */
    setBlocked: (id: number, blocked: boolean) => setFlag(id, "blocked", blocked),

    /** The user turned broadcasts off (or on again). */
    setBroadcastOptOut: (id: number, optOut: boolean) => setFlag(id, "broadcast_opt_out", optOut),

    count: async () =>
      Number(
        (
          await db
            .selectFrom("users")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
