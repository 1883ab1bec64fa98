import type { Clock } from "../clock.js";
import type { Storage } from "../storage/database.js";
import type { Ledger } from "./ledger.js";
import type { CreditedPayment, Db, PaymentHooks } from "./payment-hooks.js";
import { splitClawback } from "./spend.js";

export interface NewPromo {
  code: string;
  /** Package tokens granted on redemption; 0 for a bonus code. */
  tokens: number;
  /** Percent added to the next package purchase; 0 for a token code. */
  bonusPercent: number;
  maxUses?: number;
  expiresAt?: number;
  createdBy: number;
}

export type RedeemOutcome =
  | { status: "granted"; code: string; tokens: number; balance: number }
  | { status: "bonus"; code: string; percent: number }
  | { status: "unknown" | "disabled" | "expired" | "used-up" | "already"; code: string };

/** Codes are case-insensitive: stored and looked up upper-cased. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

class AlreadyRedeemed extends Error {}

/**
 * Promo codes: a token grant, or a percentage bonus on the next package purchase. A code is
 * redeemed once per user and within its uses and expiry; the use count, the redemption and the
 * ledger entry naming the code commit together, so concurrent redemptions never exceed the limit.
 */
export function createPromos(storage: Storage, ledger: Ledger, clock: Clock) {
  const { db } = storage;
  const now = () => clock.now().getTime();

  async function redeemIn(trx: Db, code: string, userId: number): Promise<RedeemOutcome> {
    // The row lock makes concurrent redemptions of one code take turns on PostgreSQL; SQLite writes one at a time.
    const promo = await trx
      .selectFrom("promo_codes")
      .selectAll()
      .where("code", "=", code)
      .$if(storage.dialect === "postgres", (q) => q.forUpdate())
      .executeTakeFirst();
    if (!promo) return { status: "unknown", code };
    if (promo.disabled) return { status: "disabled", code };
    if (promo.expires_at !== null && promo.expires_at <= now()) return { status: "expired", code };
    const prior = await trx
      .selectFrom("promo_redemptions")
      .select("code")
      .where("code", "=", code)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (prior) return { status: "already", code };
    const counted = await trx
      .updateTable("promo_codes")
      .set((eb) => ({ uses: eb("uses", "+", 1) }))
      .where("code", "=", code)
      .where((eb) => eb.or([eb("max_uses", "is", null), eb("uses", "<", eb.ref("max_uses"))]))
      .executeTakeFirst();
    if (Number(counted.numUpdatedRows) !== 1) return { status: "used-up", code };
    const inserted = await trx
      .insertInto("promo_redemptions")
      .values({
        code,
        user_id: userId,
        tokens: promo.tokens,
        bonus_percent: promo.bonus_percent,
        bonus_charge_id: null,
        created_at: now(),
      })
      .onConflict((oc) => oc.columns(["code", "user_id"]).doNothing())
      .returning("code")
      .executeTakeFirst();
    // Undo the counted use with the rest of the transaction.
    if (!inserted) throw new AlreadyRedeemed();
    if (promo.tokens <= 0) return { status: "bonus", code, percent: promo.bonus_percent };
    const user = await ledger.lockUser(trx, userId);
    await ledger.appendEntry(trx, {
      userId,
      kind: "promo",
      sub: 0,
      pkg: promo.tokens,
      key: `promo:${code}:${userId}`,
      source: `promo:${code}`,
    });
    const pkg = user.pkg_tokens + promo.tokens;
    await ledger.setBuckets(trx, userId, { sub: user.sub_tokens, pkg });
    return { status: "granted", code, tokens: promo.tokens, balance: user.sub_tokens + pkg };
  }

  /** A waiting bonus code is used up by the next package purchase. */
  async function bonusIn(trx: Db, payment: CreditedPayment): Promise<void> {
    if (payment.kind !== "package") return;
    const waiting = await trx
      .selectFrom("promo_redemptions")
      .selectAll()
      .where("user_id", "=", payment.userId)
      .where("bonus_percent", ">", 0)
      .where("bonus_charge_id", "is", null)
      .orderBy("created_at")
      .limit(1)
      .executeTakeFirst();
    if (!waiting) return;
    const tokens = Math.floor((payment.tokens * waiting.bonus_percent) / 100);
    const claimed = await trx
      .updateTable("promo_redemptions")
      .set({ bonus_charge_id: payment.chargeId })
      .where("code", "=", waiting.code)
      .where("user_id", "=", payment.userId)
      .where("bonus_charge_id", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1 || tokens <= 0) return;
    const user = await ledger.lockUser(trx, payment.userId);
    const key = `promo-bonus:${payment.chargeId}`;
    const entry = { userId: user.id, kind: "promo", sub: 0, pkg: tokens, key, source: `promo:${waiting.code}` };
    if (!(await ledger.appendEntry(trx, entry))) return;
    await ledger.setBuckets(trx, user.id, { sub: user.sub_tokens, pkg: user.pkg_tokens + tokens });
  }

  /** A refunded purchase takes its promo bonus back too, as far as the balance allows. */
  async function bonusClawbackIn(trx: Db, payment: CreditedPayment): Promise<void> {
    const bonus = await trx
      .selectFrom("ledger_entries")
      .select(["pkg_delta", "source"])
      .where("idempotency_key", "=", `promo-bonus:${payment.chargeId}`)
      .executeTakeFirst();
    if (!bonus) return;
    const user = await ledger.lockUser(trx, payment.userId);
    const take = splitClawback({ sub: user.sub_tokens, pkg: user.pkg_tokens }, bonus.pkg_delta);
    const key = `promo-bonus-refund:${payment.chargeId}`;
    const entry = { userId: user.id, kind: "refund", sub: -take.sub, pkg: -take.pkg, key, source: bonus.source ?? "" };
    if (!(await ledger.appendEntry(trx, entry))) return;
    await ledger.setBuckets(trx, user.id, { sub: user.sub_tokens - take.sub, pkg: user.pkg_tokens - take.pkg });
  }

  const hooks: PaymentHooks = { credited: bonusIn, refunded: bonusClawbackIn };

  return {
    hooks,

    /** Creates a code; `false` if one with that name (in any case) exists. */
    async create(promo: NewPromo): Promise<boolean> {
      const inserted = await db
        .insertInto("promo_codes")
        .values({
          code: normalizeCode(promo.code),
          tokens: promo.tokens,
          bonus_percent: promo.bonusPercent,
          max_uses: promo.maxUses ?? null,
          expires_at: promo.expiresAt ?? null,
          created_by: promo.createdBy,
          created_at: now(),
        })
        .onConflict((oc) => oc.column("code").doNothing())
        .returning("code")
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async redeem(rawCode: string, userId: number): Promise<RedeemOutcome> {
      const code = normalizeCode(rawCode);
      try {
        return await db.transaction().execute((trx) => redeemIn(trx, code, userId));
      } catch (error) {
        if (error instanceof AlreadyRedeemed) return { status: "already", code };
        throw error;
      }
    },

    list: () => db.selectFrom("promo_codes").selectAll().orderBy("created_at", "desc").limit(50).execute(),

    /** Stops a code; `false` if there is none. */
    async disable(rawCode: string): Promise<boolean> {
      const result = await db
        .updateTable("promo_codes")
        .set({ disabled: 1 })
        .where("code", "=", normalizeCode(rawCode))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The bonus a purchase received, if any (for its receipt). */
    async bonusFor(chargeId: string): Promise<{ code: string; tokens: number } | undefined> {
      const row = await db
        .selectFrom("ledger_entries")
        .select(["pkg_delta", "source"])
        .where("idempotency_key", "=", `promo-bonus:${chargeId}`)
        .executeTakeFirst();
      return row ? { code: (row.source ?? "").replace(/^promo:/, ""), tokens: row.pkg_delta } : undefined;
    },
  };
}

export type Promos = ReturnType<typeof createPromos>;
