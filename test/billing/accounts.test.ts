import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const DAY = 86_400_000;

describe.each(testStorages())("plan cycles on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: 7, chatId: 7, firstName: "Bo", locale: "ru" });
    await ledger.credit({ userId: 7, bucket: "pkg", amount: 200, key: "pkg", kind: "purchase" });
    return { clock, ledger, accounts };
  }

  it("sets the subscription bucket each cycle without roll-over, once per charge", async () => {
    const { clock, ledger, accounts } = await setup();
    const end = new Date(clock.now().getTime() + 30 * DAY);
    await accounts.startCycle({ userId: 7, plan: testPlans.basic, expiresAt: end, chargeId: "c1" });
    await accounts.startCycle({ userId: 7, plan: testPlans.basic, expiresAt: end, chargeId: "c1" });
    // The 50 Starter tokens stay: a plan adds its monthly tokens to them.
    expect(await ledger.balance(7)).toEqual({ sub: 300, pkg: 250, total: 550 });
    await ledger.hold({ userId: 7, amount: 100, key: "g", model: "m", plan: testPlans.basic });
    await ledger.capture("g");
    clock.advance(30 * DAY);
    await accounts.startCycle({
      userId: 7,
      plan: testPlans.basic,
      expiresAt: new Date(end.getTime() + 30 * DAY),
      chargeId: "c2",
    });
    expect(await ledger.balance(7)).toEqual({ sub: 300, pkg: 250, total: 550 });
    expect((await accounts.currentPlan(7)).id).toBe("basic");
  });

  it("keeps what is left of the Starter tokens when a plan starts: 47 → 347, not 300", async () => {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: 8, chatId: 8, firstName: "Cy", locale: "en" });
    await ledger.hold({ userId: 8, amount: 3, key: "g", model: "m", plan: testPlans.starter });
    await ledger.capture("g");
    expect((await ledger.balance(8)).total).toBe(47);
    const end = new Date(clock.now().getTime() + 30 * DAY);
    await accounts.startCycle({ userId: 8, plan: testPlans.basic, expiresAt: end, chargeId: "c1" });
    expect(await ledger.balance(8)).toEqual({ sub: 300, pkg: 47, total: 347 });
    // Nor does a lapse take them: they never expire.
    clock.advance(30 * DAY + 1);
    expect((await accounts.currentPlan(8)).id).toBe("starter");
    expect(await ledger.balance(8)).toEqual({ sub: 0, pkg: 47, total: 47 });
  });

  it("falls back to Starter when the plan lapses, keeping package tokens", async () => {
    const { clock, ledger, accounts } = await setup();
    await accounts.startCycle({
      userId: 7,
      plan: testPlans.pro,
      expiresAt: new Date(clock.now().getTime() + 30 * DAY),
      chargeId: "c1",
    });
    clock.advance(30 * DAY + 1);
    expect((await accounts.currentPlan(7)).id).toBe("starter");
    expect(await ledger.balance(7)).toEqual({ sub: 0, pkg: 250, total: 250 });
  });
  it("opening a known account refreshes its name and chat, and lapses a plan that ended", async () => {
    const { clock, ledger, accounts } = await setup();
    const same = await accounts.open({ id: 7, chatId: 7, firstName: "Bo", locale: "ru" });
    expect(same.created).toBe(false);
    expect(same.user).toMatchObject({ id: 7, first_name: "Bo", username: null, plan: "starter" });

    const renamed = await accounts.open({ id: 7, chatId: 70, firstName: "Bob", username: "bob", locale: "ru" });
    expect(renamed.user).toMatchObject({ first_name: "Bob", username: "bob", chat_id: 70 });
    const stored = await storage.db.selectFrom("users").selectAll().where("id", "=", 7).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ first_name: "Bob", username: "bob", chat_id: 70 });

    await accounts.startCycle({
      userId: 7,
      plan: testPlans.pro,
      expiresAt: new Date(clock.now().getTime() + DAY),
      chargeId: "c1",
    });
    expect(
      (await accounts.open({ id: 7, chatId: 70, firstName: "Bob", username: "bob", locale: "ru" })).user.plan,
    ).toBe("pro");
    clock.advance(DAY + 1);
    const lapsed = await accounts.open({ id: 7, chatId: 70, firstName: "Bob", username: "bob", locale: "ru" });
    expect(lapsed.user).toMatchObject({ plan: "starter", sub_tokens: 0 });
    expect(await ledger.balance(7)).toEqual({ sub: 0, pkg: 250, total: 250 });
  });
});
