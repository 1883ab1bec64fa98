import { randomBytes } from "node:crypto";
import type { Message, StarTransaction, Update } from "grammy/types";
import { badRequest } from "./api-error.js";
import { userObject } from "./chat-store.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { optBool, optInt, optString, reqInt, reqString } from "./params.js";
import type { TgUser } from "./types.js";

export interface PreCheckoutInput {
  currency: string;
  total_amount: number;
  invoice_payload: string;
}

export interface PreCheckoutResult {
  ok: boolean;
  error_message?: string;
  elapsedMs: number;
}

export interface SuccessfulPaymentInput extends PreCheckoutInput {
  telegram_payment_charge_id?: string;
  is_recurring?: boolean;
  is_first_recurring?: boolean;
  subscription_expiration_date?: number;
}

export interface PaymentRecord extends PreCheckoutInput {
  user_id: number;
  telegram_payment_charge_id: string;
  is_subscription: boolean;
  refunded: boolean;
}

export interface RefundRecord {
  user_id: number;
  telegram_payment_charge_id: string;
}

export interface SubscriptionEditRecord extends RefundRecord {
  is_canceled: boolean;
}

/** The user side of Stars payments plus the bot's payment methods, sharing one ledger. */
export interface Payments {
  methods: MethodTable;
  preCheckout(user: TgUser, input: PreCheckoutInput): Promise<PreCheckoutResult>;
  successfulPayment(user: TgUser, input: SuccessfulPaymentInput): Message;
  /** A payment Telegram took whose `successful_payment` update the bot never got; returns its charge id. */
  paymentWithoutUpdate(user: TgUser, input: SuccessfulPaymentInput): string;
  /** A refund Telegram made without the bot asking (support, a dispute); listed by getStarTransactions. */
  refundWithoutBot(userId: number, chargeId: string): void;
  subscriptionUpdate(user: TgUser, input: { invoice_payload: string; state: "canceled" | "active" | "failed" }): void;
  payments: Map<string, PaymentRecord>;
  refunds: RefundRecord[];
  subscriptionEdits: SubscriptionEditRecord[];
  /** Pre-checkout queries not answered yet. */
  pendingPreCheckouts(): string[];
  /** Settles pending pre-checkouts without a violation (the emulator is closing). */
  abandon(): void;
}

interface PendingQuery {
  user: TgUser;
  input: PreCheckoutInput;
  created: number;
  timer: NodeJS.Timeout;
  settle(result: PreCheckoutResult): void;
}

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

export function createPayments(core: EmulatorCore): Payments {
  const pending = new Map<string, PendingQuery>();
  const expired = new Map<string, number>();
  const answered = new Set<string>();
  const payments = new Map<string, PaymentRecord>();
  const refunds: RefundRecord[] = [];
  const subscriptionEdits: SubscriptionEditRecord[] = [];
  const transactions: StarTransaction[] = [];

  const chargeOf = (userId: number, chargeId: string): PaymentRecord => {
    const payment = payments.get(chargeId);
    if (payment === undefined || payment.user_id !== userId) {
      throw badRequest("CHARGE_NOT_FOUND", `no successful payment ${chargeId} from user ${userId}`);
    }
    return payment;
  };

  const partner = (payment: PaymentRecord) => {
    const user = core.chats.get(payment.user_id)?.user ?? { id: payment.user_id, first_name: "" };
    return {
      type: "user" as const,
      transaction_type: "invoice_payment" as const,
      user: userObject(user),
      invoice_payload: payment.invoice_payload,
    };
  };

  /** Telegram's side of a payment: the charge and its incoming transaction, once per charge id. */
  const record = (user: TgUser, chargeId: string, input: SuccessfulPaymentInput) => {
    if (payments.has(chargeId)) return;
    const payment: PaymentRecord = {
      user_id: user.id,
      telegram_payment_charge_id: chargeId,
      currency: input.currency,
      total_amount: input.total_amount,
      invoice_payload: input.invoice_payload,
      is_subscription:
        input.subscription_expiration_date !== undefined ||
        input.is_recurring === true ||
        input.is_first_recurring === true,
      refunded: false,
    };
    payments.set(chargeId, payment);
    transactions.push({ id: chargeId, amount: input.total_amount, date: core.now(), source: partner(payment) });
  };

  const methods: MethodTable = {
    answerPreCheckoutQuery({ params }) {
      const id = optString(params, "pre_checkout_query_id") ?? "";
      const ok = optBool(params, "ok") ?? false;
      const errorMessage = optString(params, "error_message");
      if (!ok && (errorMessage === undefined || errorMessage === ""))
        throw badRequest('parameter "error_message" is required');
      const query = pending.get(id);
      if (query === undefined) {
        const late = expired.get(id);
        const hint =
          late !== undefined
            ? `answered ${Date.now() - late} ms after the ${core.preCheckoutDeadlineMs} ms deadline`
            : answered.has(id)
              ? "pre_checkout_query answered twice"
              : `unknown pre_checkout_query_id ${JSON.stringify(id)}`;
        throw badRequest(QUERY_INVALID, hint);
      }
      pending.delete(id);
      answered.add(id);
      core.cancel(query.timer);
      query.settle({ ok, ...(ok ? {} : { error_message: errorMessage ?? "" }), elapsedMs: Date.now() - query.created });
      return true;
    },

    refundStarPayment({ params }) {
      const userId = reqInt(params, "user_id", "user_id is empty");
      const chargeId = reqString(params, "telegram_payment_charge_id");
      const payment = chargeOf(userId, chargeId);
      if (payment.refunded) throw badRequest("CHARGE_ALREADY_REFUNDED", `payment ${chargeId} was refunded before`);
      payment.refunded = true;
      refunds.push({ user_id: userId, telegram_payment_charge_id: chargeId });
      transactions.push({ id: chargeId, amount: payment.total_amount, date: core.now(), receiver: partner(payment) });
      return true;
    },

    editUserStarSubscription({ params }) {
      const userId = reqInt(params, "user_id", "user_id is empty");
      const chargeId = reqString(params, "telegram_payment_charge_id");
      const isCanceled = optBool(params, "is_canceled");
      if (isCanceled === undefined) throw badRequest('parameter "is_canceled" is required');
      const payment = chargeOf(userId, chargeId);
      if (!payment.is_subscription)
        throw badRequest("CHARGE_NOT_FOUND", `payment ${chargeId} is not a subscription payment`);
      subscriptionEdits.push({ user_id: userId, telegram_payment_charge_id: chargeId, is_canceled: isCanceled });
      return true;
    },

    getStarTransactions({ params }) {
      const offset = Math.max(0, optInt(params, "offset") ?? 0);
      const limit = Math.min(100, Math.max(1, optInt(params, "limit") ?? 100));
      const newestFirst = [...transactions].reverse();
      return { transactions: structuredClone(newestFirst.slice(offset, offset + limit)) };
    },

    getMyStarBalance() {
      const amount = transactions.reduce(
        (sum, item) => sum + (item.source !== undefined ? item.amount : -item.amount),
        0,
      );
      return { amount };
    },
  };

  return {
    methods,
    payments,
    refunds,
    subscriptionEdits,
    preCheckout(user, input) {
      core.chats.ensure(user);
      const id = `${BigInt(`0x${randomBytes(7).toString("hex")}`)}`;
      return new Promise<PreCheckoutResult>((resolve) => {
        const created = Date.now();
        const timer = core.later(core.preCheckoutDeadlineMs, () => {
          pending.delete(id);
          expired.set(id, Date.now());
          core.violate(
            `pre_checkout_query ${id} (payload ${JSON.stringify(input.invoice_payload)}) was not answered within ${core.preCheckoutDeadlineMs} ms: Telegram cancels the payment`,
          );
          resolve({ ok: false, elapsedMs: Date.now() - created });
        });
        pending.set(id, { user, input, created, timer, settle: resolve });
        core.updates.push({ pre_checkout_query: { id, from: userObject(user), ...input } });
      });
    },
    paymentWithoutUpdate(user, input) {
      core.chats.ensure(user);
      const chargeId = input.telegram_payment_charge_id ?? `stxP${randomBytes(24).toString("base64url")}`;
      record(user, chargeId, input);
      return chargeId;
    },
    refundWithoutBot(userId, chargeId) {
      const payment = chargeOf(userId, chargeId);
      if (payment.refunded) throw new Error(`refundWithoutBot: ${chargeId} was refunded before`);
      payment.refunded = true;
      transactions.push({ id: chargeId, amount: payment.total_amount, date: core.now(), receiver: partner(payment) });
    },
    successfulPayment(user, input) {
      const chat = core.chats.ensure(user);
      const chargeId = input.telegram_payment_charge_id ?? `stxP${randomBytes(24).toString("base64url")}`;
      const successful_payment = {
        currency: input.currency,
        total_amount: input.total_amount,
        invoice_payload: input.invoice_payload,
        telegram_payment_charge_id: chargeId,
        provider_payment_charge_id: "",
        ...(input.is_recurring === true ? { is_recurring: true } : {}),
        ...(input.is_first_recurring === true ? { is_first_recurring: true } : {}),
        ...(input.subscription_expiration_date === undefined
          ? {}
          : { subscription_expiration_date: input.subscription_expiration_date }),
      };
      record(user, chargeId, input);
      const stored = core.chats.add(chat, { successful_payment }, { fromBot: false, kind: "user" });
      const message = structuredClone(stored.message) as unknown as Message;
      core.updates.push({ message: message as NonNullable<Update["message"]> });
      return message;
    },
    subscriptionUpdate(user, input) {
      core.chats.ensure(user);
      core.updates.push({ subscription: { user: userObject(user), ...input } });
    },
    pendingPreCheckouts: () =>
      [...pending.entries()].map(
        ([id, query]) =>
          `pre_checkout_query ${id} from user ${query.user.id} (payload ${JSON.stringify(query.input.invoice_payload)})`,
      ),
    abandon() {
      for (const query of pending.values())
        query.settle({ ok: false, error_message: "emulator closed", elapsedMs: Date.now() - query.created });
      pending.clear();
    },
  };
}
