import type { Transaction } from "kysely";
import type { PlanId, PlanSpec } from "../catalog/types.js";
import type { Clock } from "../clock.js";
import type { Storage } from "../storage/database.js";
import type { Database } from "../storage/schema.js";
import type { UserRow } from "../storage/users-repository.js";
import type { Ledger } from "./ledger.js";
import type { Buckets } from "./spend.js";

export interface NewUser {
  id: number;
  chatId: number;
  firstName: string;
  username?: string;
  locale: string;
  referrerId?: number;
}

export interface CycleRequest {
  userId: number;
  plan: PlanSpec;
  expiresAt: Date;
  chargeId: string;
}

/**
 * Accounts and plan cycles: a new user starts on Starter with its one-time tokens, kept in the
 * package bucket since they never expire; each paid cycle sets the subscription bucket to the plan's
 * monthly tokens (no roll-over); a lapsed plan falls back to Starter and its leftover subscription
 * tokens expire. Package tokens are never touched.
 */
export function createAccounts(storage: Storage, ledger: Ledger, clock: Clock, plans: (id: PlanId) => PlanSpec) {
  const { db } = storage;
  const now = () => clock.now().getTime();

  /** Moves a user whose paid plan ended back to Starter; idempotent per plan end. */
  async function lapseIfDue(userId: number): Promise<void> {
    const row = await db
      .selectFrom("users")
      .select(["plan", "plan_expires_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!row || row.plan === "starter" || row.plan_expires_at === null || row.plan_expires_at > now()) return;
    await db.transaction().execute(async (trx) => {
      const user = await ledger.lockUser(trx, userId);
      if (user.plan === "starter" || user.plan_expires_at === null || user.plan_expires_at > now()) return;
      await ledger.appendEntry(trx, {
        userId,
        kind: "expiry",
        sub: -user.sub_tokens,
        pkg: 0,
        key: `lapse:${userId}:${user.plan_expires_at}`,
        source: user.plan,
      });
      await ledger.setBuckets(trx, userId, { sub: 0, pkg: user.pkg_tokens });
      await trx
        .updateTable("users")
        .set({ plan: "starter", plan_expires_at: null, plan_charge_id: null, plan_canceled: 0 })
        .where("id", "=", userId)
        .execute();
    });
  }

  async function startCycleIn(trx: Transaction<Database>, req: CycleRequest): Promise<{ applied: boolean }> {
    const user = await ledger.lockUser(trx, req.userId);
    const tokens = req.plan.monthlyTokens;
    const applied = await ledger.appendEntry(trx, {
      userId: req.userId,
      kind: "cycle",
      sub: tokens - user.sub_tokens,
      pkg: 0,
      key: `cycle:${req.chargeId}`,
      source: req.plan.id,
    });
    if (!applied) return { applied };
    await ledger.setBuckets(trx, req.userId, { sub: tokens, pkg: user.pkg_tokens });
    await trx
      .updateTable("users")
      .set({
        plan: req.plan.id,
        plan_expires_at: req.expiresAt.getTime(),
        plan_charge_id: req.chargeId,
        plan_canceled: 0,
      })
      .where("id", "=", req.userId)
      .execute();
    return { applied };
  }

  /** A known user's row with the name and chat from this update, and a paid plan that ended lapsed. */
  async function refresh(row: UserRow, user: NewUser): Promise<UserRow> {
    const fields = { first_name: user.firstName, username: user.username ?? null, chat_id: user.chatId };
    const changed =
      row.first_name !== fields.first_name || row.username !== fields.username || row.chat_id !== fields.chat_id;
    if (changed) await db.updateTable("users").set(fields).where("id", "=", user.id).execute();
    const lapsing = row.plan !== "starter" && row.plan_expires_at !== null && row.plan_expires_at <= now();
    if (!lapsing) return { ...row, ...fields };
    await lapseIfDue(user.id);
    return db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
  }

  /** The plan in force now (a lapsed one already counts as Starter). */
  async function currentPlan(userId: number): Promise<PlanSpec> {
    const row = await db
      .selectFrom("users")
      .select(["plan", "plan_expires_at"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if (row.plan === "starter" || row.plan_expires_at === null || row.plan_expires_at > now())
      return plans(row.plan as PlanId);
    await lapseIfDue(userId);
    const lapsed = await db.selectFrom("users").select("plan").where("id", "=", userId).executeTakeFirstOrThrow();
    return plans(lapsed.plan as PlanId);
  }

  return {
    /**
     * Creates the account with the Starter tokens once; later calls only refresh the name. A known
     * user (every update after the first) costs one read, and a write only when something changed.
     */
    async open(user: NewUser): Promise<{ created: boolean; user: UserRow }> {
      const known = await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirst();
      if (known) return { created: false, user: await refresh(known, user) };
      const created = await db.transaction().execute(async (trx) => {
        // No self-referral, and only a referrer who exists: a made-up id earns nobody anything.
        const referrer =
          user.referrerId && user.referrerId !== user.id
            ? await trx.selectFrom("users").select("id").where("id", "=", user.referrerId).executeTakeFirst()
            : undefined;
        const inserted = await trx
          .insertInto("users")
          .values({
            id: user.id,
            chat_id: user.chatId,
            first_name: user.firstName,
            username: user.username ?? null,
            locale: user.locale,
            referrer_id: referrer?.id ?? null,
            created_at: now(),
          })
          .onConflict((oc) => oc.column("id").doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!inserted) return false;
        const starter = plans("starter");
        // One-time tokens, not a monthly allowance: they go where nothing expires, so that the
        // first paid cycle (which resets the subscription bucket) adds to them instead of erasing them.
        await ledger.appendEntry(trx, {
          userId: user.id,
          kind: "welcome",
          sub: 0,
          pkg: starter.monthlyTokens,
          key: `welcome:${user.id}`,
          source: "starter",
        });
        await ledger.setBuckets(trx, user.id, { sub: 0, pkg: starter.monthlyTokens });
        return true;
      });
      if (!created) {
        await db
          .updateTable("users")
          .set({ first_name: user.firstName, username: user.username ?? null, chat_id: user.chatId })
          .where("id", "=", user.id)
          .execute();
        await lapseIfDue(user.id);
      }
      const row = await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
      return { created, user: row };
    },

    lapseIfDue,

    currentPlan,

    /**
     * The plan in force now and the balance, from one read of the user's row (what `currentPlan`
     * and the ledger's `balance` would answer, for a screen that shows both).
     */
    async planAndBalance(userId: number): Promise<{ plan: PlanSpec; balance: Buckets & { total: number } }> {
      const row = await db
        .selectFrom("users")
        .select(["plan", "plan_expires_at", "sub_tokens", "pkg_tokens"])
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      if (row.plan === "starter" || row.plan_expires_at === null || row.plan_expires_at > now()) {
        const balance = { sub: row.sub_tokens, pkg: row.pkg_tokens, total: row.sub_tokens + row.pkg_tokens };
        return { plan: plans(row.plan as PlanId), balance };
      }
      // A plan that ended: lapsed first (its subscription tokens expire), then read again.
      await lapseIfDue(userId);
      return { plan: await currentPlan(userId), balance: await ledger.balance(userId) };
    },

    /**
     * Starts a paid cycle (first payment or renewal), once per charge id: the old subscription
     * tokens expire and the bucket is set to the plan's monthly tokens.
     */
    async startCycle(req: CycleRequest): Promise<{ applied: boolean }> {
      return db.transaction().execute((trx) => startCycleIn(trx, req));
    },

    /** `startCycle` inside the caller's transaction (a payment records itself and its cycle atomically). */
    startCycleIn,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
