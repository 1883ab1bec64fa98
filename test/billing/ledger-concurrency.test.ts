import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { InsufficientTokens, RateLimited } from "../../src/billing/errors.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const elite = testPlans.elite;
const USER = 2001;

describe.each(testStorages())("the ledger under concurrent use on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  /** A user with 30 subscription and 50 package tokens (the Starter ones). */
  async function setup() {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: USER, chatId: USER, firstName: "Ann", locale: "en" });
    await ledger.credit({ userId: USER, bucket: "sub", amount: 30, key: "sub-30", kind: "credit" });
    return { clock, ledger };
  }

  /** The cached buckets equal the sum of the user's entries, bucket by bucket. */
  async function expectEntriesExplainBalance(ledger: ReturnType<typeof createLedger>) {
    const entries = await storage.db
      .selectFrom("ledger_entries")
      .select(["sub_delta", "pkg_delta"])
      .where("user_id", "=", USER)
      .execute();
    const sum = entries.reduce((s, e) => ({ sub: s.sub + e.sub_delta, pkg: s.pkg + e.pkg_delta }), { sub: 0, pkg: 0 });
    const balance = await ledger.balance(USER);
    expect(sum).toEqual({ sub: balance.sub, pkg: balance.pkg });
  }

  it("never overdraws under 100 concurrent holds of 1 to 3 tokens, and its entries explain the balance", async () => {
    const { ledger } = await setup();
    const amounts = Array.from({ length: 100 }, (_, i) => 1 + (i % 3));
    const results = await Promise.allSettled(
      amounts.map((amount, i) => ledger.hold({ userId: USER, amount, key: `h${i}`, model: "m", plan: elite })),
    );
    const held = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof InsufficientTokens)).toBe(true);
    const spent = held.reduce((s, h) => s + h.amount, 0);
    expect(spent).toBeLessThanOrEqual(80);
    expect(spent).toBeGreaterThan(77);
    const balance = await ledger.balance(USER);
    expect(balance.total).toBe(80 - spent);
    expect(balance.sub).toBe(0);
    expect(held.reduce((s, h) => s + h.sub, 0)).toBe(30);
    await expectEntriesExplainBalance(ledger);
  });

  it("holds once when 100 holds with the same key arrive at once", async () => {
    const { ledger } = await setup();
    const holds = await Promise.all(
      Array.from({ length: 100 }, () => ledger.hold({ userId: USER, amount: 7, key: "same", model: "m", plan: elite })),
    );
    expect(new Set(holds.map((h) => JSON.stringify(h))).size).toBe(1);
    expect(holds[0]).toEqual({ key: "same", userId: USER, amount: 7, sub: 7, pkg: 0, status: "held" });
    expect(await ledger.balance(USER)).toEqual({ sub: 23, pkg: 50, total: 73 });
    await expectEntriesExplainBalance(ledger);
  });

  it("settles each hold once when captures and releases of it race", async () => {
    const { ledger } = await setup();
    for (let i = 0; i < 20; i++) await ledger.hold({ userId: USER, amount: 4, key: `r${i}`, model: "m", plan: elite });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        Promise.all([
          ...Array.from({ length: 3 }, () => ledger.capture(`r${i}`).then((won) => (won ? "captured" : null))),
          ...Array.from({ length: 3 }, () => ledger.release(`r${i}`).then((won) => (won ? "released" : null))),
        ]),
      ),
    );
    const winners = outcomes.map((race) => race.filter((o) => o !== null));
    expect(winners.every((w) => w.length === 1)).toBe(true);
    const released = winners.filter((w) => w[0] === "released").length;
    for (let i = 0; i < 20; i++) expect((await ledger.getHold(`r${i}`))?.status).toBe(winners[i]?.[0]);
    expect((await ledger.balance(USER)).total).toBe(80 - 4 * (20 - released));
    const settles = await storage.db
      .selectFrom("ledger_entries")
      .select("kind")
      .where("kind", "in", ["capture", "release"])
      .execute();
    expect(settles).toHaveLength(20);
    await expectEntriesExplainBalance(ledger);
  });

  it("gives a released hold back to the buckets it came from", async () => {
    const { ledger } = await setup();
    const hold = await ledger.hold({ userId: USER, amount: 45, key: "split", model: "m", plan: elite });
    expect(hold).toMatchObject({ sub: 30, pkg: 15 });
    expect(await ledger.balance(USER)).toEqual({ sub: 0, pkg: 35, total: 35 });
    expect(await ledger.release("split")).toBe(true);
    expect(await ledger.balance(USER)).toEqual({ sub: 30, pkg: 50, total: 80 });
    await expectEntriesExplainBalance(ledger);
  });

  it("changes nothing when a settled hold's key is held, captured or released again", async () => {
    const { ledger } = await setup();
    await ledger.hold({ userId: USER, amount: 5, key: "k", model: "m", plan: elite });
    expect(await ledger.capture("k")).toBe(true);
    const again = await ledger.hold({ userId: USER, amount: 5, key: "k", model: "m", plan: elite });
    expect(again.status).toBe("captured");
    expect(await ledger.capture("k")).toBe(false);
    expect(await ledger.release("k")).toBe(false);
    expect(await ledger.capture("never-held")).toBe(false);
    expect((await ledger.balance(USER)).total).toBe(75);
    await expectEntriesExplainBalance(ledger);
  });

  it("keeps the entries true to the balance when credits and holds of one account interleave", async () => {
    const { ledger } = await setup();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? ledger.credit({
              userId: USER,
              bucket: i % 4 === 0 ? "sub" : "pkg",
              amount: 2,
              key: `cr${i}`,
              kind: "credit",
            })
          : ledger.hold({ userId: USER, amount: 3, key: `ho${i}`, model: "m", plan: elite }),
      ),
    );
    // 80 + 30 × 2 credited, 30 × 3 held: every hold fits, whatever the order.
    expect(await ledger.balance(USER)).toMatchObject({ total: 80 + 60 - 90 });
    await expectEntriesExplainBalance(ledger);
  });

  it("leaves no hold when the caller's transaction fails after holding", async () => {
    const { ledger } = await setup();
    const failing = storage.db.transaction().execute(async (trx) => {
      await ledger.holdIn(trx, { userId: USER, amount: 9, key: "rolled-back", model: "m", plan: elite });
      throw new Error("the job could not start");
    });
    await expect(failing).rejects.toThrow("the job could not start");
    expect(await ledger.getHold("rolled-back")).toBeUndefined();
    expect(await ledger.balance(USER)).toEqual({ sub: 30, pkg: 50, total: 80 });
    await expectEntriesExplainBalance(ledger);
  });

  it("enforces the daily limit from the oldest request that still counts", async () => {
    const { ledger, clock } = await setup();
    const plan = { ...testPlans.starter, perHour: 2, perDay: 3 };
    for (const [key, advance] of [
      ["d1", 0],
      ["d2", 30],
      ["d3", 90],
      ["d4", 5],
    ] as const) {
      clock.advance(advance * 60_000);
      if (key !== "d4") await ledger.hold({ userId: USER, amount: 1, key, model: "m", plan });
    }
    const error = await ledger.hold({ userId: USER, amount: 1, key: "d4", model: "m", plan }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.window).toBe("day");
    expect(error.resetsAt.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    await ledger.release("d1");
    await expect(ledger.hold({ userId: USER, amount: 1, key: "d4", model: "m", plan })).resolves.toMatchObject({
      status: "held",
    });
  });
});
