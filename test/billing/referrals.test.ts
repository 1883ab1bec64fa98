import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { payloadSecret } from "../../src/billing/invoice-payload.js";
import { createLedger } from "../../src/billing/ledger.js";
import { combineHooks } from "../../src/billing/payment-hooks.js";
import { createPayments } from "../../src/billing/payments.js";
import { createPromos } from "../../src/billing/promos.js";
import { createReferrals, referralReward } from "../../src/billing/referrals.js";
import { createStarsPrices } from "../../src/billing/stars-prices.js";
import { findPackage, packages } from "../../src/catalog/packages.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const DAY = 86_400_000;
const ALICE = 11;
const BOB = 12;

describe("referralReward", () => {
  it.each([
    [100, 10, 10],
    [50, 10, 5],
    [5, 10, 0],
    [1000, 25, 250],
    [999, 10, 99],
  ])("%i tokens at %i%% → %i", (tokens, percent, reward) => {
    expect(referralReward(tokens, percent)).toBe(reward);
  });
});

describe.each(testStorages())("referral rewards and promo bonuses on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup(options: { days?: number } = {}) {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    const referrals = createReferrals({ storage, ledger, clock, percent: 10, days: options.days ?? 365 });
    const promos = createPromos(storage, ledger, clock);
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
      hooks: combineHooks(referrals.hooks, promos.hooks),
    });
    await accounts.open({ id: ALICE, chatId: ALICE, firstName: "Alice", locale: "en" });
    await accounts.open({ id: BOB, chatId: BOB, firstName: "Bob", locale: "en", referrerId: ALICE });
    const buy = (charge: string, product = "light", userId = BOB) =>
      payments.recordPayment(
        {
          currency: "XTR",
          total_amount: prices.package(product) ?? 1,
          invoice_payload: payments.invoicePayload("pkg", product, userId),
          telegram_payment_charge_id: charge,
        },
        userId,
      );
    return { clock, ledger, accounts, referrals, promos, payments, buy };
  }

  it("pays 10% once per charge and takes it back on refund", async () => {
    const { ledger, referrals, payments, buy } = await setup();
    const before = (await ledger.balance(ALICE)).total;
    expect((await buy("c1")).status).toBe("credited");
    expect((await ledger.balance(ALICE)).total).toBe(before + 10);
    expect((await buy("c1")).status).toBe("duplicate");
    expect((await ledger.balance(ALICE)).total).toBe(before + 10);
    expect(await referrals.stats(ALICE)).toEqual({ joined: 1, paid: 1, earned: 10 });
    await payments.refund("c1");
    expect((await ledger.balance(ALICE)).total).toBe(before);
    expect(await referrals.stats(ALICE)).toEqual({ joined: 1, paid: 1, earned: 0 });
  });

  it("takes back down to zero and never below when the referrer already spent the reward", async () => {
    const { ledger, payments, buy } = await setup();
    await buy("c2");
    const balance = await ledger.balance(ALICE);
    // Alice spends all but 4 tokens.
    const hold = await ledger.hold({
      userId: ALICE,
      amount: balance.total - 4,
      key: "spend-all",
      model: "gpt-5-nano",
      plan: { ...testPlans.starter, perHour: null, perDay: null },
    });
    await ledger.capture(hold.key);
    const outcome = await payments.refund("c2");
    expect(outcome.status).toBe("refunded");
    expect(await ledger.balance(ALICE)).toMatchObject({ total: 0, sub: 0, pkg: 0 });
  });

  it("pays nothing for payments made after REFERRAL_DAYS, and a referrer is set only on the first start", async () => {
    const { clock, ledger, accounts, buy } = await setup({ days: 30 });
    const before = (await ledger.balance(ALICE)).total;
    clock.advance(31 * DAY);
    await buy("late");
    expect((await ledger.balance(ALICE)).total).toBe(before);
    const again = await accounts.open({ id: BOB, chatId: BOB, firstName: "Bob", locale: "en", referrerId: 99 });
    expect(again.user.referrer_id).toBe(ALICE);
    const self = await accounts.open({ id: 13, chatId: 13, firstName: "Sam", locale: "en", referrerId: 13 });
    expect(self.user.referrer_id).toBeNull();
    const ghost = await accounts.open({ id: 14, chatId: 14, firstName: "Gil", locale: "en", referrerId: 4242 });
    expect(ghost.user.referrer_id).toBeNull();
  });

  it("applies a bonus code to the next package purchase only, and a refund takes the bonus back", async () => {
    const { ledger, promos, payments, buy } = await setup();
    await promos.create({ code: "PLUS20", tokens: 0, bonusPercent: 20, createdBy: 1 });
    expect(await promos.redeem("plus20", ALICE)).toMatchObject({ status: "bonus", percent: 20 });
    const before = (await ledger.balance(ALICE)).total;
    await buy("a1", "light", ALICE);
    expect((await ledger.balance(ALICE)).total).toBe(before + 100 + 20);
    expect(await promos.bonusFor("a1")).toEqual({ code: "PLUS20", tokens: 20 });
    await buy("a2", "light", ALICE);
    expect((await ledger.balance(ALICE)).total).toBe(before + 100 + 20 + 100);
    expect(await promos.bonusFor("a2")).toBeUndefined();
    await payments.refund("a1");
    expect((await ledger.balance(ALICE)).total).toBe(before + 100);
  });
});
