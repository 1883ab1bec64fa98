import type { Kysely, Transaction } from "kysely";
import type { Database } from "../storage/schema.js";

export type Db = Kysely<Database> | Transaction<Database>;

/** A payment as the hooks see it, once its tokens are credited or taken back. */
export interface CreditedPayment {
  chargeId: string;
  userId: number;
  kind: "package" | "plan";
  tokens: number;
  /** When the payment was made (epoch ms). */
  at: number;
}

/**
 * What else moves with a payment (referral rewards, promo bonuses). Both run inside the payment's
 * own transaction, so the extra money commits or rolls back with it.
 */
export interface PaymentHooks {
  credited(trx: Db, payment: CreditedPayment): Promise<void>;
  refunded(trx: Db, payment: CreditedPayment): Promise<void>;
}

/** Runs several hooks in order. */
export function combineHooks(...hooks: PaymentHooks[]): PaymentHooks {
  return {
    async credited(trx, payment) {
      for (const hook of hooks) await hook.credited(trx, payment);
    },
    async refunded(trx, payment) {
      for (const hook of hooks) await hook.refunded(trx, payment);
    },
  };
}
