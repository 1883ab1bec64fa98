import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { createLedgerHistoryRepository } from "../../src/storage/ledger-history-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

describe.each(testStorages())("ledger history on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  it("shows delivered and running generations, hides failed ones, newest first, paged", async () => {
    storage = await open();
    const clock = createManualClock();
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: 1, chatId: 1, firstName: "A", locale: "en" });
    await ledger.credit({ userId: 1, bucket: "pkg", amount: 100, key: "buy", kind: "purchase", source: "light" });
    await ledger.hold({ userId: 1, amount: 3, key: "ok", model: "dall-e-3", plan: testPlans.starter });
    await ledger.capture("ok");
    await ledger.hold({ userId: 1, amount: 5, key: "bad", model: "sora-2", plan: testPlans.starter });
    await ledger.release("bad");
    await ledger.hold({ userId: 1, amount: 2, key: "run", model: "whisper", plan: testPlans.starter });
    const history = createLedgerHistoryRepository(storage.db);
    const items = await history.page(1, 10);
    expect(items.map((i) => [i.kind, i.delta, i.source, i.holdStatus])).toEqual([
      ["hold", -2, "whisper", "held"],
      ["hold", -3, "dall-e-3", "captured"],
      ["purchase", 100, "light", null],
      ["welcome", 50, "starter", null],
    ]);
    expect((await history.page(1, 2, 2)).map((i) => i.kind)).toEqual(["purchase", "welcome"]);
  });
});
