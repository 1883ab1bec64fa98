import type { Clock } from "../clock.js";
import type { Storage } from "../storage/database.js";
import type { Ledger } from "./ledger.js";
import { DAY_MS } from "./limits.js";
import type { CreditedPayment, Db, PaymentHooks } from "./payment-hooks.js";
import { splitClawback } from "./spend.js";

export interface ReferralsDeps {
  storage: Storage;
  ledger: Ledger;
  clock: Clock;
  /** REFERRAL_PERCENT: share of each credited payment's tokens paid to the referrer. */
  percent: number;
  /** REFERRAL_DAYS: payments made this long after the referred user joined earn a reward. */
  days: number;
}

export interface ReferralStats {
  joined: number;
  paid: number;
  earned: number;
}

/** The reward for a payment's tokens: whole tokens, rounded down. */
export function referralReward(tokens: number, percent: number): number {
  return Math.floor((tokens * percent) / 100);
}

/**
 * Referral rewards: a share of a referred user's credited payment goes to the referrer's package
 * bucket once per charge id, and a refund takes it back as far as the referrer's balance allows.
 */
export function createReferrals(deps: ReferralsDeps) {
  const { storage, ledger, percent, days } = deps;
  const { db } = storage;

  async function rewardIn(trx: Db, payment: CreditedPayment): Promise<void> {
    const referee = await trx
      .selectFrom("users")
      .select(["referrer_id", "created_at"])
      .where("id", "=", payment.userId)
      .executeTakeFirst();
    const referrerId = referee?.referrer_id;
    if (!referee || referrerId === null || referrerId === undefined || referrerId === payment.userId) return;
    if (payment.at > referee.created_at + days * DAY_MS) return;
    const tokens = referralReward(payment.tokens, percent);
    if (tokens <= 0) return;
    const referrer = await ledger.lockUser(trx, referrerId).catch(() => undefined);
    if (!referrer) return;
    const inserted = await trx
      .insertInto("referral_rewards")
      .values({
        charge_id: payment.chargeId,
        referrer_id: referrerId,
        referee_id: payment.userId,
        tokens,
        created_at: payment.at,
      })
      .onConflict((oc) => oc.column("charge_id").doNothing())
      .returning("charge_id")
      .executeTakeFirst();
    if (!inserted) return;
    const key = `referral:${payment.chargeId}`;
    const source = `referee:${payment.userId}`;
    if (!(await ledger.appendEntry(trx, { userId: referrerId, kind: "referral", sub: 0, pkg: tokens, key, source })))
      return;
    await ledger.setBuckets(trx, referrerId, { sub: referrer.sub_tokens, pkg: referrer.pkg_tokens + tokens });
  }

  async function clawbackIn(trx: Db, payment: CreditedPayment): Promise<void> {
    const reward = await trx
      .selectFrom("referral_rewards")
      .selectAll()
      .where("charge_id", "=", payment.chargeId)
      .executeTakeFirst();
    if (!reward) return;
    const referrer = await ledger.lockUser(trx, reward.referrer_id);
    // Down to zero, never below: what the referrer already spent stays spent.
    const take = splitClawback({ sub: referrer.sub_tokens, pkg: referrer.pkg_tokens }, reward.tokens);
    const applied = await ledger.appendEntry(trx, {
      userId: referrer.id,
      kind: "refund",
      sub: -take.sub,
      pkg: -take.pkg,
      key: `referral-refund:${payment.chargeId}`,
      source: `referee:${payment.userId}`,
    });
    if (!applied) return;
    await ledger.setBuckets(trx, referrer.id, {
      sub: referrer.sub_tokens - take.sub,
      pkg: referrer.pkg_tokens - take.pkg,
    });
    await trx
      .updateTable("referral_rewards")
      .set({ taken_back: take.sub + take.pkg })
      .where("charge_id", "=", payment.chargeId)
      .execute();
  }

  const hooks: PaymentHooks = { credited: rewardIn, refunded: clawbackIn };

  return {
    percent,
    hooks,

    /** The reward a charge earned, if any (to tell the referrer after the payment commits). */
    rewardFor: (chargeId: string) =>
      db.selectFrom("referral_rewards").selectAll().where("charge_id", "=", chargeId).executeTakeFirst(),

    async stats(referrerId: number): Promise<ReferralStats> {
      const joined = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("referrer_id", "=", referrerId)
        .executeTakeFirstOrThrow();
      const rewards = await db
        .selectFrom("referral_rewards")
        .select((eb) => [
          eb.fn.count("referee_id").distinct().as("paid"),
          eb.fn.coalesce(eb.fn.sum<number>("tokens"), eb.lit(0)).as("tokens"),
          eb.fn.coalesce(eb.fn.sum<number>("taken_back"), eb.lit(0)).as("taken"),
        ])
        .where("referrer_id", "=", referrerId)
        .executeTakeFirstOrThrow();
      return {
        joined: Number(joined.n),
        paid: Number(rewards.paid),
        earned: Number(rewards.tokens) - Number(rewards.taken),
      };
    },
  };
}

export type Referrals = ReturnType<typeof createReferrals>;
