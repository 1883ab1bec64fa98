import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { payloadSecret } from "../../src/billing/invoice-payload.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createPayments } from "../../src/billing/payments.js";
import { createStarsPrices } from "../../src/billing/stars-prices.js";
import { createStarsReconciler, type StarTransactionLike } from "../../src/billing/stars-reconciliation.js";
import { findPackage, packages } from "../../src/catalog/packages.js";
import { createManualClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import type { Storage } from "../../src/storage/database.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const USER = 7;

describe.each(testStorages())("recording and reconciling Stars payments on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup(options: { failLookups?: number } = {}) {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    const prices = createStarsPrices({ rate: 0.5, packages, plans: Object.values(testPlans) });
    let failLookups = options.failLookups ?? 0;
    const payments = createPayments({
      storage,
      ledger,
      accounts,
      clock,
      prices,
      secret: payloadSecret("1:secret"),
      findPackage: (id) => {
        if (failLookups-- > 0) throw new Error("catalog unavailable");
        return findPackage(id);
      },
      findPlan: (id) => (Object.hasOwn(testPlans, id) ? testPlans[id as keyof typeof testPlans] : undefined),
    });
    await accounts.open({ id: USER, chatId: USER, firstName: "U", locale: "en" });
    const logLines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    /** Telegram's list, oldest first here; served newest first like getStarTransactions. */
    const telegram: StarTransactionLike[] = [];
    const pageCalls: number[] = [];
    const reconciler = () =>
      createStarsReconciler({
        payments,
        accounts,
        logger: createLogger("info", [], sink),
        defaultLocale: "en",
        listTransactions: async (offset, limit) => {
          pageCalls.push(offset);
          expect(limit).toBeLessThanOrEqual(100);
          return structuredClone([...telegram].reverse().slice(offset, offset + limit));
        },
      });
    const user = (id: number) => ({ id, first_name: `U${id}`, is_bot: false, language_code: "en" });
    const paid = (charge: string, product = "start", userId = USER) =>
      telegram.push({
        id: charge,
        amount: prices.package(product) ?? 1,
        date: 1_770_000_000 + telegram.length,
        source: {
          type: "user",
          transaction_type: "invoice_payment",
          user: user(userId),
          invoice_payload: payments.invoicePayload("pkg", product, userId),
        },
      });
    const refunded = (charge: string, userId = USER) => {
      const original = telegram.find((t) => t.id === charge);
      telegram.push({
        id: charge,
        amount: original?.amount ?? 1,
        date: 1_770_000_000 + telegram.length,
        receiver: { type: "user", transaction_type: "invoice_payment", user: user(userId) },
      });
    };
    return { ledger, payments, prices, reconciler, paid, refunded, telegram, pageCalls, logLines };
  }

  it("records a successful_payment before crediting it: a failed credit is repaired by the redelivery", async () => {
    // The product lookup fails at record and at credit time; the record survives both.
    const { payments, ledger, prices } = await setup({ failLookups: 2 });
    const payment = {
      currency: "XTR",
      total_amount: prices.package("start") ?? 1,
      invoice_payload: payments.invoicePayload("pkg", "start", USER),
      telegram_payment_charge_id: "ch-rf",
    };
    await expect(payments.recordPayment(payment, USER)).rejects.toThrow("catalog unavailable");
    expect(await payments.find("ch-rf")).toMatchObject({
      user_id: USER,
      stars: payment.total_amount,
      credited_at: null,
    });
    expect((await ledger.balance(USER)).total).toBe(50);
    const again = await payments.recordPayment(payment, USER);
    expect(again.status).toBe("credited");
    expect(again.payment).toMatchObject({ kind: "package", product: "start", tokens: 50 });
    expect((await ledger.balance(USER)).total).toBe(100);
    expect((await payments.recordPayment(payment, USER)).status).toBe("duplicate");
    expect((await ledger.balance(USER)).total).toBe(100);
  });

  it("credits a payment only Telegram knows, once, however many runs overlap", async () => {
    const { payments, ledger, reconciler, paid } = await setup();
    paid("ch-missed");
    const [a, b] = await Promise.all([reconciler().run(), reconciler().run()]);
    expect([...a.credited, ...b.credited]).toEqual([{ chargeId: "ch-missed", userId: USER, stars: 125, tokens: 50 }]);
    expect((await ledger.balance(USER)).total).toBe(100);
    const again = await reconciler().run();
    expect(again).toMatchObject({ scanned: 1, credited: [], refunded: [], failed: [] });
    expect((await ledger.balance(USER)).total).toBe(100);
    // The successful_payment arriving late changes nothing either.
    const late = await payments.recordPayment(
      {
        currency: "XTR",
        total_amount: 125,
        invoice_payload: payments.invoicePayload("pkg", "start", USER),
        telegram_payment_charge_id: "ch-missed",
      },
      USER,
    );
    expect(late.status).toBe("duplicate");
    expect((await ledger.balance(USER)).total).toBe(100);
  });

  it("takes back a refund seen in Telegram's list once, and leaves payments already credited alone", async () => {
    const { payments, ledger, reconciler, paid, refunded } = await setup();
    await payments.recordPayment(
      {
        currency: "XTR",
        total_amount: 125,
        invoice_payload: payments.invoicePayload("pkg", "start", USER),
        telegram_payment_charge_id: "ch-known",
      },
      USER,
    );
    paid("ch-known");
    expect((await reconciler().run()).credited).toEqual([]);
    expect((await ledger.balance(USER)).total).toBe(100);
    refunded("ch-known");
    expect((await reconciler().run()).refunded).toEqual([
      { chargeId: "ch-known", userId: USER, stars: 125, tokens: 50 },
    ]);
    expect((await ledger.balance(USER)).total).toBe(50);
    expect((await reconciler().run()).refunded).toEqual([]);
    expect((await ledger.balance(USER)).total).toBe(50);
    expect((await payments.find("ch-known"))?.refunded_at).not.toBeNull();
  });

  it("reads every page, opens an account for a payer it never saw, and reports a foreign payload", async () => {
    const { ledger, reconciler, paid, telegram, pageCalls } = await setup();
    for (let i = 0; i < 150; i++) paid(`ch-${i}`, "start", 9_000 + (i % 3));
    telegram.push({
      id: "ch-foreign",
      amount: 5,
      date: 1_770_000_999,
      source: {
        type: "user",
        transaction_type: "invoice_payment",
        user: { id: USER, first_name: "U", is_bot: false },
        invoice_payload: "someone-else",
      },
    });
    telegram.push({ id: "wd-1", amount: 500, date: 1_770_001_000, receiver: { type: "fragment" } });
    const report = await reconciler().run();
    expect(pageCalls).toEqual([0, 100]);
    expect(report.scanned).toBe(152);
    expect(report.credited).toHaveLength(150);
    expect(report.unrecognized.map((u) => u.chargeId)).toEqual(["ch-foreign"]);
    // 50 Starter tokens on opening + 50 per package, 50 packages each.
    for (const id of [9_000, 9_001, 9_002]) expect((await ledger.balance(id)).total).toBe(50 + 50 * 50);
    expect((await ledger.balance(USER)).total).toBe(50);
  });

  it("credits nothing for a payment that Telegram refunded before the bot ever recorded it, net", async () => {
    const { ledger, reconciler, paid, refunded } = await setup();
    paid("ch-gone");
    refunded("ch-gone");
    const report = await reconciler().run();
    expect(report.credited.map((c) => c.chargeId)).toEqual(["ch-gone"]);
    expect(report.refunded.map((c) => c.chargeId)).toEqual(["ch-gone"]);
    expect((await ledger.balance(USER)).total).toBe(50);
  });
});
