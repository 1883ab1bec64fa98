import type { PackageSpec, PlanId, PlanSpec } from "../catalog/types.js";
import type { Clock } from "../clock.js";
import type { Storage } from "../storage/database.js";
import { createPaymentsRepository, type PaymentRow } from "../storage/payments-repository.js";
import type { Accounts } from "./accounts.js";
import { type InvoiceSubject, signPayload, verifyPayload } from "./invoice-payload.js";
import type { Ledger } from "./ledger.js";
import type { PaymentHooks } from "./payment-hooks.js";
import { type Buckets, splitClawback } from "./spend.js";
import type { StarsPrices } from "./stars-prices.js";

const SUBSCRIPTION_MS = 2_592_000 * 1000;

export interface PaymentsDeps {
  storage: Storage;
  ledger: Ledger;
  accounts: Accounts;
  clock: Clock;
  prices: StarsPrices;
  /** Signs new invoice payloads (from `loadPayloadSecrets`). */
  secret: Buffer;
  /** Keys a payload may be signed with (the signing key and older ones); defaults to `[secret]`. */
  verifySecrets?: readonly Buffer[];
  findPackage(id: string): PackageSpec | undefined;
  findPlan(id: string): PlanSpec | undefined;
  /** Referral rewards and promo bonuses, moved in the payment's own transaction. */
  hooks?: PaymentHooks;
}

/** The fields of a `pre_checkout_query` the check needs. */
export interface PreCheckoutInput {
  userId: number;
  currency: string;
  totalAmount: number;
  payload: string;
}

/** Why a pre-checkout is declined; each has a message `precheckout-<reason>` in the locales. */
export type PreCheckoutDecline =
  | "currency"
  | "invalid"
  | "not-yours"
  | "unknown-product"
  | "price-changed"
  | "plan-active";

export type PreCheckoutResult = { ok: true; subject: InvoiceSubject } | { ok: false; reason: PreCheckoutDecline };

/** The fields of a `successful_payment` that are recorded. */
export interface SuccessfulPaymentInput {
  currency: string;
  total_amount: number;
  invoice_payload: string;
  telegram_payment_charge_id: string;
  subscription_expiration_date?: number;
  is_recurring?: boolean;
}

export interface PaymentOutcome {
  /** credited: new and applied; duplicate: this charge was recorded before; unrecognized: recorded, nothing credited. */
  status: "credited" | "duplicate" | "unrecognized";
  payment: PaymentRow;
  balance: { sub: number; pkg: number; total: number };
}

export type RefundOutcome =
  | { status: "not-found" }
  | { status: "already"; payment: PaymentRow }
  | { status: "refunded"; payment: PaymentRow; taken: number; missing: number; planEnded: boolean };

/**
 * Stars payments: signed invoice payloads, the pre-checkout check, crediting exactly once per
 * `telegram_payment_charge_id` in the transaction that records the payment, refunds with clawback.
 */
export function createPayments(deps: PaymentsDeps) {
  const { storage, ledger, accounts, clock, prices, secret } = deps;
  const keys = deps.verifySecrets ?? [secret];
  const { db } = storage;
  const repo = createPaymentsRepository(db);
  const now = () => clock.now().getTime();

  const priceOf = (subject: InvoiceSubject) =>
    subject.kind === "pkg" ? prices.package(subject.product) : prices.plan(subject.product);

  function invoicePayload(kind: InvoiceSubject["kind"], product: string, userId: number): string {
    return signPayload(secret, { kind, product, userId });
  }

  /** What a payload sells, with its tokens; `undefined` when the payload or its product is not ours. */
  function productOf(payload: string) {
    const subject = verifyPayload(keys, payload);
    if (!subject) return undefined;
    if (subject.kind === "pkg") {
      const pkg = deps.findPackage(subject.product);
      return pkg ? { subject, kind: "package" as const, tokens: pkg.tokens, plan: undefined } : undefined;
    }
    const plan = deps.findPlan(subject.product);
    return plan && plan.priceRub > 0 ? { subject, kind: "plan" as const, tokens: plan.monthlyTokens, plan } : undefined;
  }

  /**
   * Credits a recorded payment once: `credited_at` is claimed in the transaction that credits, so
   * of any number of callers exactly one applies it.
   */
  async function applyPayment(chargeId: string): Promise<PaymentOutcome["status"]> {
    return db.transaction().execute(async (trx) => {
      const found = await repo.find(chargeId, trx);
      if (!found) throw new Error(`payment ${chargeId} is not recorded`);
      const user = await ledger.lockUser(trx, found.user_id);
      if (!(await repo.markCredited(trx, chargeId, now()))) return "duplicate" as const;
      const product = productOf(found.payload);
      // Pre-checkout declines foreign payloads; a renewal is the only way one could arrive, and is kept for an admin.
      if (!product || product.subject.userId !== found.user_id) return "unrecognized" as const;
      // The record may have been written while the product could not be looked up: this is the authority.
      await repo.setProduct(trx, chargeId, {
        kind: product.kind,
        product: product.subject.product,
        tokens: product.tokens,
      });
      if (product.kind === "package") {
        await ledger.appendEntry(trx, {
          userId: user.id,
          kind: "purchase",
          sub: 0,
          pkg: product.tokens,
          key: `purchase:${chargeId}`,
          source: product.subject.product,
        });
        await ledger.setBuckets(trx, user.id, { sub: user.sub_tokens, pkg: user.pkg_tokens + product.tokens });
      } else {
        const expiresAt = new Date(found.subscription_expires_at ?? found.created_at + SUBSCRIPTION_MS);
        await accounts.startCycleIn(trx, { userId: user.id, plan: product.plan, expiresAt, chargeId });
      }
      const credited = { chargeId, userId: user.id, kind: product.kind, tokens: product.tokens, at: found.created_at };
      await deps.hooks?.credited(trx, credited);
      return "credited" as const;
    });
  }

  return {
    prices,
    invoicePayload,
    /** The signed payload's subject (for subscription updates), `undefined` if not ours. */
    verify: (payload: string) => verifyPayload(keys, payload),

    /**
     * Decides a `pre_checkout_query`: only local checks and one indexed read, so that it answers
     * well within Telegram's 10 seconds.
     */
    async checkPreCheckout(query: PreCheckoutInput): Promise<PreCheckoutResult> {
      if (query.currency !== "XTR") return { ok: false, reason: "currency" };
      const subject = verifyPayload(keys, query.payload);
      if (!subject) return { ok: false, reason: "invalid" };
      if (subject.userId !== query.userId) return { ok: false, reason: "not-yours" };
      const product = productOf(query.payload);
      const price = priceOf(subject);
      if (!product || price === undefined) return { ok: false, reason: "unknown-product" };
      if (price !== query.totalAmount) return { ok: false, reason: "price-changed" };
      if (product.kind === "plan") {
        // A second subscription would renew alongside the first: switching needs the first cancelled.
        const user = await db
          .selectFrom("users")
          .select(["plan", "plan_expires_at", "plan_canceled"])
          .where("id", "=", query.userId)
          .executeTakeFirst();
        const active = user && user.plan !== "starter" && user.plan_expires_at !== null && user.plan_expires_at > now();
        if (active && user.plan_canceled === 0) return { ok: false, reason: "plan-active" };
      }
      return { ok: true, subject };
    },

    /**
     * Records a `successful_payment` first, on its own, so that nothing failing later can lose it;
     * then credits it once (`applyPayment`). Package tokens go to the package bucket, a plan payment
     * (first or renewal) starts a cycle. A charge id seen before changes nothing, so a redelivered
     * update or a reconciliation never credits twice, and a payment recorded but not credited
     * (a crash between the two) is credited by the next delivery or reconciliation.
     */
    async recordPayment(payment: SuccessfulPaymentInput, userId: number): Promise<PaymentOutcome> {
      const chargeId = payment.telegram_payment_charge_id;
      // What the payload sells is worked out again when crediting; here a failure must not stop the record.
      const product = (() => {
        try {
          return productOf(payment.invoice_payload);
        } catch {
          return undefined;
        }
      })();
      const at = now();
      const expiresAt = payment.subscription_expiration_date
        ? payment.subscription_expiration_date * 1000
        : at + SUBSCRIPTION_MS;
      await repo.insert(db, {
        charge_id: chargeId,
        user_id: userId,
        kind: product?.kind ?? "unknown",
        product: product?.subject.product ?? "",
        stars: payment.total_amount,
        tokens: product && product.subject.userId === userId ? product.tokens : 0,
        payload: payment.invoice_payload,
        is_recurring: payment.is_recurring ? 1 : 0,
        subscription_expires_at: product?.kind === "plan" ? expiresAt : null,
        refunded_at: null,
        refunded_tokens: null,
        credited_at: null,
        created_at: at,
      });
      const status = await applyPayment(chargeId);
      const row = await repo.find(chargeId);
      if (!row) throw new Error(`payment ${chargeId} vanished`);
      return { status, payment: row, balance: await ledger.balance(row.user_id) };
    },

    find: (chargeId: string) => repo.find(chargeId),

    /** Which of these charge ids are recorded, and whether each was credited and refunded (for reconciliation). */
    findMany: (chargeIds: readonly string[]) => repo.findMany(chargeIds),

    /**
     * Takes a refunded payment's tokens back, once: as far as the balance allows (package purchases
     * from the package bucket first, plans from the subscription bucket first) and ends the plan if
     * the refunded charge paid for the current cycle. Call it after Telegram accepted the refund.
     */
    async refund(chargeId: string): Promise<RefundOutcome> {
      const at = now();
      const outcome = await db.transaction().execute(async (trx): Promise<RefundOutcome> => {
        const found = await repo.find(chargeId, trx);
        if (!found) return { status: "not-found" };
        const user = await ledger.lockUser(trx, found.user_id);
        const payment = await repo.find(chargeId, trx);
        if (!payment || payment.refunded_at !== null) return { status: "already", payment: payment ?? found };
        if (payment.credited_at === null) {
          // Refunded before it was ever credited: nothing to take back, and nothing to credit later.
          await repo.markCredited(trx, chargeId, at);
          await repo.markRefunded(trx, chargeId, 0, at);
          return { status: "refunded", payment, taken: 0, missing: 0, planEnded: false };
        }
        const buckets = { sub: user.sub_tokens, pkg: user.pkg_tokens };
        const planEnded = payment.kind === "plan" && user.plan_charge_id === chargeId && user.plan !== "starter";
        const take =
          payment.kind === "plan"
            ? planClawback(buckets, payment.tokens, planEnded)
            : splitClawback(buckets, payment.tokens);
        await repo.markRefunded(trx, chargeId, take.sub + take.pkg, at);
        const key = `refund:${chargeId}`;
        await ledger.appendEntry(trx, {
          userId: user.id,
          kind: "refund",
          sub: -take.sub,
          pkg: -take.pkg,
          key,
          source: payment.product,
        });
        const left = { sub: buckets.sub - take.sub, pkg: buckets.pkg - take.pkg };
        if (planEnded && left.sub > 0) {
          const expiry = {
            userId: user.id,
            kind: "expiry",
            sub: -left.sub,
            pkg: 0,
            key: `refund-expiry:${chargeId}`,
            source: user.plan,
          };
          await ledger.appendEntry(trx, expiry);
          left.sub = 0;
        }
        await ledger.setBuckets(trx, user.id, left);
        if (planEnded) {
          await trx
            .updateTable("users")
            .set({ plan: "starter", plan_expires_at: null, plan_charge_id: null, plan_canceled: 0 })
            .where("id", "=", user.id)
            .execute();
        }
        const kind = payment.kind === "plan" ? "plan" : "package";
        const refunded = { chargeId, userId: user.id, kind, tokens: payment.tokens, at: payment.created_at } as const;
        await deps.hooks?.refunded(trx, refunded);
        return { status: "refunded", payment, taken: take.sub + take.pkg, missing: take.missing, planEnded };
      });
      if (outcome.status !== "refunded") return outcome;
      const payment = (await repo.find(chargeId)) ?? outcome.payment;
      return { ...outcome, payment };
    },

    /** The user's latest payments, newest first (for /paysupport). */
    recent: (userId: number, limit = 10) => repo.recent(userId, limit),

    totals: () => repo.totals(),

    /** The plan a subscription payload names, if it is ours and the user's. */
    planOfPayload(payload: string, userId: number): PlanId | undefined {
      const product = productOf(payload);
      return product?.kind === "plan" && product.subject.userId === userId ? product.plan.id : undefined;
    },
  };
}

export type Payments = ReturnType<typeof createPayments>;

/**
 * A refunded plan takes back what is left of its own cycle's subscription tokens; an older cycle's
 * tokens were spent or expired with it. Package tokens were paid for separately and stay.
 */
function planClawback(balance: Buckets, tokens: number, currentCycle: boolean): Buckets & { missing: number } {
  const sub = currentCycle ? Math.min(balance.sub, tokens) : 0;
  return { sub, pkg: 0, missing: tokens - sub };
}
