import { z } from "zod";
import type { Logger } from "../logger.js";
import type { Accounts } from "./accounts.js";
import type { Payments } from "./payments.js";

/** Telegram's page size limit for `getStarTransactions`. */
const PAGE = 100;
/** A bound on one run (100,000 transactions), so a misbehaving server can't keep it paging forever. */
const MAX_PAGES = 1_000;

const partnerUser = z.object({
  type: z.literal("user"),
  transaction_type: z.string().optional(),
  user: z.object({
    id: z.number().int(),
    first_name: z.string(),
    username: z.string().optional(),
    language_code: z.string().optional(),
  }),
  invoice_payload: z.string().optional(),
  subscription_period: z.number().int().optional(),
});

/** The part of a Telegram `StarTransaction` reconciliation reads; other partners are ignored. */
const starTransaction = z.object({
  id: z.string(),
  amount: z.number().int(),
  date: z.number().int(),
  source: z.unknown().optional(),
  receiver: z.unknown().optional(),
});

export type StarTransactionLike = z.input<typeof starTransaction>;

/** One payment reconciliation acted on. */
export interface ReconciledItem {
  chargeId: string;
  userId: number;
  stars: number;
  tokens?: number;
}

export interface ReconcileReport {
  /** Transactions read from Telegram. */
  scanned: number;
  /** Payments credited now: Telegram has them, the bot had not credited them. */
  credited: ReconciledItem[];
  /** Refunds seen in Telegram's list whose tokens were taken back now. */
  refunded: ReconciledItem[];
  /** Payments recorded with nothing credited (a payload that is not ours). */
  unrecognized: ReconciledItem[];
  /** Payments that could not be recorded or credited (logged; the next run tries again). */
  failed: ReconciledItem[];
}

export interface ReconcilerDeps {
  payments: Payments;
  accounts: Accounts;
  logger: Logger;
  /** Telegram's `getStarTransactions`, newest first. */
  listTransactions(offset: number, limit: number): Promise<StarTransactionLike[]>;
  /** Locale of an account opened for a payer the bot has never seen (its database was restored, say). */
  defaultLocale: string;
}

/**
 * Compares Telegram's Stars transactions with the payments recorded: an incoming invoice payment
 * with no credited record is credited (keyed by its charge id, so exactly once however often this
 * runs), and a refund in the list takes the tokens back once.
 */
export function createStarsReconciler(deps: ReconcilerDeps) {
  const { payments, accounts, logger } = deps;
  let running: Promise<ReconcileReport> | undefined;

  async function readAll(): Promise<z.infer<typeof starTransaction>[]> {
    const all: z.infer<typeof starTransaction>[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const batch = z.array(starTransaction).parse(await deps.listTransactions(page * PAGE, PAGE));
      all.push(...batch);
      if (batch.length < PAGE) break;
    }
    return all;
  }

  async function credit(
    tx: z.infer<typeof starTransaction>,
    partner: z.infer<typeof partnerUser>,
    report: ReconcileReport,
  ) {
    const item = { chargeId: tx.id, userId: partner.user.id, stars: tx.amount };
    try {
      const { user } = partner;
      await accounts.open({
        id: user.id,
        chatId: user.id,
        firstName: user.first_name,
        username: user.username,
        locale: user.language_code?.startsWith("ru")
          ? "ru"
          : user.language_code?.startsWith("en")
            ? "en"
            : deps.defaultLocale,
      });
      const outcome = await payments.recordPayment(
        {
          currency: "XTR",
          total_amount: tx.amount,
          invoice_payload: partner.invoice_payload ?? "",
          telegram_payment_charge_id: tx.id,
          ...(partner.subscription_period
            ? { subscription_expiration_date: tx.date + partner.subscription_period }
            : {}),
        },
        user.id,
      );
      if (outcome.status === "credited") {
        report.credited.push({ ...item, tokens: outcome.payment.tokens });
        logger.warn({ charge: tx.id, user: user.id, stars: tx.amount }, "reconciliation credited a payment");
      } else if (outcome.status === "unrecognized") {
        report.unrecognized.push(item);
        logger.error(
          { charge: tx.id, user: user.id, stars: tx.amount },
          "reconciliation found a payment for no known product",
        );
      }
    } catch (error) {
      report.failed.push(item);
      logger.error(
        { err: error, charge: tx.id, user: partner.user.id, stars: tx.amount },
        "reconciliation could not credit a payment",
      );
    }
  }

  async function takeBack(
    tx: z.infer<typeof starTransaction>,
    partner: z.infer<typeof partnerUser>,
    report: ReconcileReport,
  ) {
    const item = { chargeId: tx.id, userId: partner.user.id, stars: tx.amount };
    try {
      const outcome = await payments.refund(tx.id);
      if (outcome.status !== "refunded") return;
      report.refunded.push({ ...item, tokens: outcome.taken });
      logger.warn(
        { charge: tx.id, user: partner.user.id, taken: outcome.taken, missing: outcome.missing },
        "reconciliation took back a refunded payment",
      );
    } catch (error) {
      report.failed.push(item);
      logger.error(
        { err: error, charge: tx.id, user: partner.user.id, stars: tx.amount },
        "reconciliation could not take back a refund",
      );
    }
  }

  async function runOnce(): Promise<ReconcileReport> {
    const report: ReconcileReport = { scanned: 0, credited: [], refunded: [], unrecognized: [], failed: [] };
    // Oldest first: a payment is credited before a later refund of it takes the tokens back.
    const transactions = (await readAll()).reverse();
    report.scanned = transactions.length;
    const ids = [...new Set(transactions.map((t) => t.id))];
    const known = new Map<string, Awaited<ReturnType<Payments["findMany"]>>[number]>();
    // In chunks: a query has a bound on its parameters (SQLite 32,766; PostgreSQL 65,535).
    for (let i = 0; i < ids.length; i += 500) {
      for (const row of await payments.findMany(ids.slice(i, i + 500))) known.set(row.charge_id, row);
    }
    for (const tx of transactions) {
      const incoming = partnerUser.safeParse(tx.source);
      if (incoming.success && incoming.data.transaction_type === "invoice_payment") {
        if (known.get(tx.id)?.credited_at == null) await credit(tx, incoming.data, report);
        continue;
      }
      const outgoing = partnerUser.safeParse(tx.receiver);
      // A refund carries the charge id of the payment it returns; charges that are not ours are not found.
      if (outgoing.success && outgoing.data.transaction_type === "invoice_payment") {
        if (known.get(tx.id)?.refunded_at == null) await takeBack(tx, outgoing.data, report);
      }
    }
    logger.info(
      {
        scanned: report.scanned,
        credited: report.credited.length,
        refunded: report.refunded.length,
        unrecognized: report.unrecognized.length,
        failed: report.failed.length,
      },
      "stars reconciliation done",
    );
    return report;
  }

  return {
    /** Runs a reconciliation; a call while one is running gets that run's report. */
    run(): Promise<ReconcileReport> {
      running ??= runOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

export type StarsReconciler = ReturnType<typeof createStarsReconciler>;
