import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { payloadSecret } from "../../src/billing/invoice-payload.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createPayments } from "../../src/billing/payments.js";
import { createStarsPrices } from "../../src/billing/stars-prices.js";
import { findPackage, packages } from "../../src/catalog/packages.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { createLedgerHistoryRepository } from "../../src/storage/ledger-history-repository.js";
import { createUsersRepository } from "../../src/storage/users-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const DAY = 86_400_000;
const USER = 7;
const OTHER = 8;

describe.each(testStorages())("Stars payments on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    const prices = createStarsPrices({ rate: 0.5, packages, plans: Object.values(testPlans) });
    const payments = createPayments({
      storage,
      ledger,
      accounts,
      clock,
      prices,
      secret: payloadSecret("1:secret"),
      findPackage,
      findPlan: (id) => (Object.hasOwn(testPlans, id) ? testPlans[id as keyof typeof testPlans] : undefined),
    });
    for (const id of [USER, OTHER]) await accounts.open({ id, chatId: id, firstName: "U", locale: "en" });
    const unix = (ms: number) => Math.floor(ms / 1000);
    const payPackage = (charge: string, product = "start", userId = USER) =>
      payments.recordPayment(
        {
          currency: "XTR",
          total_amount: prices.package(product) ?? 1,
          invoice_payload: payments.invoicePayload("pkg", product, userId),
          telegram_payment_charge_id: charge,
        },
        USER,
      );
    const payPlan = (charge: string, plan: string, expiresAt: number, recurring = false) =>
      payments.recordPayment(
        {
          currency: "XTR",
          total_amount: prices.plan(plan) ?? 1,
          invoice_payload: payments.invoicePayload("plan", plan, USER),
          telegram_payment_charge_id: charge,
          subscription_expiration_date: unix(expiresAt),
          ...(recurring ? { is_recurring: true } : {}),
        },
        USER,
      );
    return { clock, ledger, accounts, payments, prices, payPackage, payPlan };
  }

  describe("pre-checkout", () => {
    it("approves a matching query and declines every kind of mismatch with a reason", async () => {
      const { payments } = await setup();
      const payload = payments.invoicePayload("pkg", "start", USER);
      const query = { userId: USER, currency: "XTR", totalAmount: 125, payload };
      expect(await payments.checkPreCheckout(query)).toMatchObject({
        ok: true,
        subject: { kind: "pkg", product: "start", userId: USER },
      });
      expect(await payments.checkPreCheckout({ ...query, currency: "USD" })).toEqual({ ok: false, reason: "currency" });
      expect(await payments.checkPreCheckout({ ...query, totalAmount: 1 })).toEqual({
        ok: false,
        reason: "price-changed",
      });
      expect(await payments.checkPreCheckout({ ...query, userId: OTHER })).toEqual({ ok: false, reason: "not-yours" });
      const tampered = payload.replace("pkg:start:", "pkg:ultra:");
      expect(await payments.checkPreCheckout({ ...query, payload: tampered })).toEqual({
        ok: false,
        reason: "invalid",
      });
      const gone = payments.invoicePayload("pkg", "discontinued", USER);
      expect(await payments.checkPreCheckout({ ...query, payload: gone })).toEqual({
        ok: false,
        reason: "unknown-product",
      });
      const starter = payments.invoicePayload("plan", "starter", USER);
      expect(await payments.checkPreCheckout({ ...query, payload: starter })).toEqual({
        ok: false,
        reason: "unknown-product",
      });
    });

    it("declines a second subscription while a plan renews, and allows it once renewal is cancelled", async () => {
      const { payments, clock, payPlan } = await setup();
      const query = {
        userId: USER,
        currency: "XTR",
        totalAmount: 845,
        payload: payments.invoicePayload("plan", "pro", USER),
      };
      expect((await payments.checkPreCheckout(query)).ok).toBe(true);
      await payPlan("p1", "basic", clock.now().getTime() + 30 * DAY);
      expect(await payments.checkPreCheckout(query)).toEqual({ ok: false, reason: "plan-active" });
      await createUsersRepository(storage.db).setPlanCanceled(USER, true);
      expect((await payments.checkPreCheckout(query)).ok).toBe(true);
    });
  });

  describe("crediting", () => {
    it("credits a package to the package bucket once per charge id and records the payment", async () => {
      const { ledger, payPackage } = await setup();
      const first = await payPackage("charge-1");
      expect(first.status).toBe("credited");
      expect(first.balance).toEqual({ sub: 0, pkg: 100, total: 100 });
      expect(first.payment).toMatchObject({
        charge_id: "charge-1",
        user_id: USER,
        kind: "package",
        product: "start",
        stars: 125,
        tokens: 50,
      });
      const again = await payPackage("charge-1");
      expect(again.status).toBe("duplicate");
      expect(again.balance.total).toBe(100);
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 100, total: 100 });
      const entries = await ledger.recentEntries(USER);
      expect(entries.filter((e) => e.kind === "purchase")).toHaveLength(1);
    });

    it("credits once when the same payment arrives concurrently", async () => {
      const { ledger, payPackage } = await setup();
      const results = await Promise.all(Array.from({ length: 5 }, () => payPackage("same-charge", "light")));
      expect(results.filter((r) => r.status === "credited")).toHaveLength(1);
      expect(results.filter((r) => r.status === "duplicate")).toHaveLength(4);
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 150, total: 150 });
    });

    it("records a payment for somebody else's payload without crediting anyone", async () => {
      const { ledger, payPackage } = await setup();
      const outcome = await payPackage("foreign", "start", OTHER);
      expect(outcome.status).toBe("unrecognized");
      expect(outcome.payment.tokens).toBe(0);
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 50, total: 50 });
      expect(await ledger.balance(OTHER)).toEqual({ sub: 0, pkg: 50, total: 50 });
    });
  });

  describe("plans", () => {
    it("starts a cycle on the first payment and resets it on renewal without roll-over", async () => {
      const { clock, ledger, accounts, payPackage, payPlan } = await setup();
      await payPackage("pkg-1", "light");
      const end = clock.now().getTime() + 30 * DAY;
      expect((await payPlan("sub-1", "basic", end)).status).toBe("credited");
      expect(await ledger.balance(USER)).toEqual({ sub: 300, pkg: 150, total: 450 });
      expect((await accounts.currentPlan(USER)).id).toBe("basic");
      await ledger.hold({ userId: USER, amount: 120, key: "g1", model: "m", plan: testPlans.basic });
      await ledger.capture("g1");
      expect(await ledger.balance(USER)).toEqual({ sub: 180, pkg: 150, total: 330 });

      clock.advance(30 * DAY);
      expect((await payPlan("sub-2", "basic", end + 30 * DAY, true)).status).toBe("credited");
      expect((await payPlan("sub-2", "basic", end + 30 * DAY, true)).status).toBe("duplicate");
      expect(await ledger.balance(USER)).toEqual({ sub: 300, pkg: 150, total: 450 });
      const user = await storage.db.selectFrom("users").selectAll().where("id", "=", USER).executeTakeFirstOrThrow();
      expect(user.plan_expires_at).toBe(Math.floor((end + 30 * DAY) / 1000) * 1000);
      expect(user.plan_charge_id).toBe("sub-2");
    });

    it("renews after the plan already lapsed: Starter in between, then a fresh cycle", async () => {
      const { clock, ledger, accounts, payPlan } = await setup();
      const end = clock.now().getTime() + 30 * DAY;
      await payPlan("sub-1", "pro", end);
      clock.advance(30 * DAY + 60_000);
      expect((await accounts.currentPlan(USER)).id).toBe("starter");
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 50, total: 50 });
      await payPlan("sub-2", "pro", end + 30 * DAY, true);
      expect((await accounts.currentPlan(USER)).id).toBe("pro");
      expect(await ledger.balance(USER)).toEqual({ sub: 700, pkg: 50, total: 750 });
    });

    it("lapses to Starter keeping package tokens and dropping subscription tokens", async () => {
      const { clock, ledger, accounts, payPackage, payPlan } = await setup();
      await payPlan("sub-1", "vip", clock.now().getTime() + 30 * DAY);
      await payPackage("pkg-1", "standard");
      clock.advance(30 * DAY + 1000);
      expect((await accounts.currentPlan(USER)).id).toBe("starter");
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 250, total: 250 });
      const history = await createLedgerHistoryRepository(storage.db).page(USER, 10);
      expect(history[0]).toMatchObject({ kind: "expiry", delta: -1500, source: "vip" });
    });
  });

  describe("refunds", () => {
    it("takes a package back once, saying how much was already spent", async () => {
      const { ledger, payments, payPackage } = await setup();
      await payPackage("charge-1");
      await ledger.hold({ userId: USER, amount: 80, key: "g1", model: "m", plan: testPlans.starter });
      await ledger.capture("g1");
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 20, total: 20 });
      const refund = await payments.refund("charge-1");
      expect(refund).toMatchObject({ status: "refunded", taken: 20, missing: 30, planEnded: false });
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 0, total: 0 });
      const again = await payments.refund("charge-1");
      expect(again.status).toBe("already");
      expect((await payments.find("charge-1"))?.refunded_tokens).toBe(20);
      expect(await payments.refund("nope")).toEqual({ status: "not-found" });
    });

    it("refunds once under concurrent requests", async () => {
      const { ledger, payments, payPackage } = await setup();
      await payPackage("charge-1", "light");
      const outcomes = await Promise.all([
        payments.refund("charge-1"),
        payments.refund("charge-1"),
        payments.refund("charge-1"),
      ]);
      expect(outcomes.filter((o) => o.status === "refunded")).toHaveLength(1);
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 50, total: 50 });
    });

    it("ends the current plan when its payment is refunded and leaves package tokens alone", async () => {
      const { clock, ledger, accounts, payments, payPackage, payPlan } = await setup();
      await payPackage("pkg-1", "light");
      await payPlan("sub-1", "basic", clock.now().getTime() + 30 * DAY);
      await ledger.hold({ userId: USER, amount: 100, key: "g1", model: "m", plan: testPlans.basic });
      await ledger.capture("g1");
      const refund = await payments.refund("sub-1");
      expect(refund).toMatchObject({ status: "refunded", taken: 200, missing: 100, planEnded: true });
      expect((await accounts.currentPlan(USER)).id).toBe("starter");
      expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 150, total: 150 });
    });
  });

  it("lists a user's recent payments and totals", async () => {
    const { clock, payments, payPackage, payPlan } = await setup();
    await payPackage("a", "start");
    clock.advance(1000);
    await payPlan("b", "basic", clock.now().getTime() + 30 * DAY);
    await payments.refund("a");
    expect((await payments.recent(USER)).map((p) => p.charge_id)).toEqual(["b", "a"]);
    expect(await payments.recent(OTHER)).toEqual([]);
    expect(await payments.totals()).toEqual({ payments: 2, stars: 570, refunds: 1, refundedStars: 125, payers: 1 });
  });
});
