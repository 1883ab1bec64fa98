import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { InsufficientTokens, RateLimited } from "../../src/billing/errors.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const elite = testPlans.elite;

describe.each(testStorages())("ledger on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: 1001, chatId: 1001, firstName: "Ann", locale: "en" });
    return { clock, ledger, accounts };
  }

  it("gives a new user 50 Starter tokens exactly once, in the bucket that never expires", async () => {
    const { ledger, accounts } = await setup();
    const again = await accounts.open({ id: 1001, chatId: 1001, firstName: "Ann", locale: "en" });
    expect(again.created).toBe(false);
    expect(await ledger.balance(1001)).toEqual({ sub: 0, pkg: 50, total: 50 });
  });

  it("spends subscription tokens before package tokens", async () => {
    const { ledger } = await setup();
    await ledger.credit({ userId: 1001, bucket: "sub", amount: 50, key: "sub-1", kind: "credit" });
    await ledger.credit({ userId: 1001, bucket: "pkg", amount: 100, key: "buy-1", kind: "purchase" });
    const hold = await ledger.hold({ userId: 1001, amount: 70, key: "g1", model: "m", plan: elite });
    expect(hold).toMatchObject({ sub: 50, pkg: 20, status: "held" });
    expect(await ledger.balance(1001)).toEqual({ sub: 0, pkg: 130, total: 130 });
  });

  it("captures on success and releases on failure, each once", async () => {
    const { ledger } = await setup();
    await ledger.hold({ userId: 1001, amount: 10, key: "ok", model: "m", plan: elite });
    await ledger.hold({ userId: 1001, amount: 5, key: "bad", model: "m", plan: elite });
    expect(await ledger.capture("ok")).toBe(true);
    expect(await ledger.capture("ok")).toBe(false);
    expect(await ledger.release("ok")).toBe(false);
    expect(await ledger.release("bad")).toBe(true);
    expect(await ledger.release("bad")).toBe(false);
    expect((await ledger.balance(1001)).total).toBe(40);
  });

  it("holds a key once", async () => {
    const { ledger } = await setup();
    await ledger.hold({ userId: 1001, amount: 3, key: "same", model: "m", plan: elite });
    await ledger.hold({ userId: 1001, amount: 3, key: "same", model: "m", plan: elite });
    expect((await ledger.balance(1001)).total).toBe(47);
  });

  it("refuses a hold above the balance without changing it", async () => {
    const { ledger } = await setup();
    await expect(ledger.hold({ userId: 1001, amount: 51, key: "big", model: "m", plan: elite })).rejects.toBeInstanceOf(
      InsufficientTokens,
    );
    expect((await ledger.balance(1001)).total).toBe(50);
  });

  it("applies a credit key once", async () => {
    const { ledger } = await setup();
    const first = await ledger.credit({ userId: 1001, bucket: "pkg", amount: 50, key: "charge-x", kind: "purchase" });
    const second = await ledger.credit({ userId: 1001, bucket: "pkg", amount: 50, key: "charge-x", kind: "purchase" });
    expect([first.applied, second.applied]).toEqual([true, false]);
    expect(await ledger.balance(1001)).toEqual({ sub: 0, pkg: 100, total: 100 });
  });

  it("lets exactly 50 of 100 concurrent 1-token holds through on a balance of 50", async () => {
    const { ledger } = await setup();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        ledger.hold({ userId: 1001, amount: 1, key: `c${i}`, model: "m", plan: elite }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter((r) => r.status === "rejected" && r.reason instanceof InsufficientTokens).length;
    expect(ok).toBe(50);
    expect(refused).toBe(50);
    expect(await ledger.balance(1001)).toEqual({ sub: 0, pkg: 0, total: 0 });
  });

  it("enforces the plan's hourly limit and says when it frees up", async () => {
    const { ledger, clock } = await setup();
    const plan = { ...testPlans.starter, perHour: 2 };
    await ledger.hold({ userId: 1001, amount: 1, key: "r1", model: "m", plan });
    clock.advance(10 * 60_000);
    await ledger.hold({ userId: 1001, amount: 1, key: "r2", model: "m", plan });
    const error = await ledger.hold({ userId: 1001, amount: 1, key: "r3", model: "m", plan }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.window).toBe("hour");
    expect(error.resetsAt.toISOString()).toBe("2026-03-01T11:00:00.000Z");
    expect((await ledger.balance(1001)).total).toBe(48);
  });

  it("does not count released (failed) requests against the limit", async () => {
    const { ledger } = await setup();
    const plan = { ...testPlans.starter, perHour: 1 };
    await ledger.hold({ userId: 1001, amount: 1, key: "f1", model: "m", plan });
    await ledger.release("f1");
    await expect(ledger.hold({ userId: 1001, amount: 1, key: "f2", model: "m", plan })).resolves.toMatchObject({
      status: "held",
    });
  });

  it("claws back a refund as far as the balance allows, once", async () => {
    const { ledger } = await setup();
    await ledger.credit({ userId: 1001, bucket: "pkg", amount: 100, key: "p", kind: "purchase" });
    await ledger.hold({ userId: 1001, amount: 120, key: "spend", model: "m", plan: elite });
    await ledger.capture("spend");
    const first = await ledger.clawback(1001, 100, "refund:p", "p");
    const second = await ledger.clawback(1001, 100, "refund:p", "p");
    expect(first).toEqual({ applied: true, taken: 30, missing: 70 });
    expect(second.applied).toBe(false);
    expect((await ledger.balance(1001)).total).toBe(0);
  });
});
