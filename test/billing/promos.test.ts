import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createPromos } from "../../src/billing/promos.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const ADMIN = 1;

describe.each(testStorages())("promo codes on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup(userIds: number[]) {
    storage = await open();
    const clock = createManualClock(new Date("2026-03-01T10:00:00Z"));
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    for (const id of userIds) await accounts.open({ id, chatId: id, firstName: "U", locale: "en" });
    return { clock, ledger, promos: createPromos(storage, ledger, clock) };
  }

  it("grants a code to exactly max_uses distinct users when twenty redeem it at once", async () => {
    const users = Array.from({ length: 20 }, (_, i) => 100 + i);
    const { ledger, promos } = await setup(users);
    const opening = (await ledger.balance(100)).total;
    expect(await promos.create({ code: "Rush", tokens: 25, bonusPercent: 0, maxUses: 3, createdBy: ADMIN })).toBe(true);
    const outcomes = await Promise.all(users.map((id) => promos.redeem("rush", id)));
    const granted = outcomes.filter((o) => o.status === "granted");
    expect(granted).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === "used-up")).toHaveLength(17);
    const [code] = await promos.list();
    expect(code?.uses).toBe(3);
    // Measured against the opening balance (the Starter tokens), whichever bucket holds them.
    const balances = await Promise.all(users.map(async (id) => (await ledger.balance(id)).total - opening));
    expect(balances.filter((b) => b === 25)).toHaveLength(3);
    expect(balances.reduce((sum, b) => sum + b, 0)).toBe(75);
  });

  it("grants one user a code once when the same user redeems it ten times at once", async () => {
    const { ledger, promos } = await setup([200]);
    const opening = (await ledger.balance(200)).pkg;
    await promos.create({ code: "ONCE", tokens: 10, bonusPercent: 0, createdBy: ADMIN });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => promos.redeem("once", 200)));
    expect(outcomes.filter((o) => o.status === "granted")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "already")).toHaveLength(9);
    expect((await ledger.balance(200)).pkg).toBe(opening + 10);
    const entries = await storage.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("user_id", "=", 200)
      .where("kind", "=", "promo")
      .execute();
    expect(entries.map((e) => [e.source, e.pkg_delta])).toEqual([["promo:ONCE", 10]]);
    expect((await promos.list())[0]?.uses).toBe(1);
  });

  it("is case-insensitive, refuses unknown, disabled and expired codes, and counts nothing for them", async () => {
    const { clock, promos } = await setup([300, 301]);
    const expiresAt = new Date("2026-03-02T00:00:00Z").getTime();
    await promos.create({ code: "spring", tokens: 5, bonusPercent: 0, expiresAt, createdBy: ADMIN });
    expect(await promos.create({ code: "SPRING", tokens: 9, bonusPercent: 0, createdBy: ADMIN })).toBe(false);
    expect((await promos.redeem("nope", 300)).status).toBe("unknown");
    expect(await promos.redeem("SpRiNg", 300)).toMatchObject({ status: "granted", code: "SPRING", tokens: 5 });
    clock.advance(86_400_000);
    expect((await promos.redeem("spring", 301)).status).toBe("expired");
    await promos.create({ code: "OFF", tokens: 5, bonusPercent: 0, createdBy: ADMIN });
    expect(await promos.disable("off")).toBe(true);
    expect((await promos.redeem("OFF", 301)).status).toBe("disabled");
    const off = (await promos.list()).find((p) => p.code === "OFF");
    expect(off?.uses).toBe(0);
  });
});
