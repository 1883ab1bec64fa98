import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import { createBroadcastsRepository } from "../../src/storage/broadcasts-repository.js";
import type { Storage } from "../../src/storage/database.js";
import { createUsersRepository } from "../../src/storage/users-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const ADMIN = 1;

describe.each(testStorages())("broadcasts repository on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  it("fixes the recipients at confirm, claims each once, and never hands out a row a crash left mid-send", async () => {
    storage = await open();
    const clock = createManualClock();
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    for (const id of [ADMIN, 2, 3, 4, 5]) await accounts.open({ id, chatId: id * 10, firstName: "U", locale: "en" });
    const repo = createBroadcastsRepository(storage.db, () => clock.now().getTime());
    const users = createUsersRepository(storage.db);
    await users.setBroadcastOptOut(3, true);
    await users.setBlocked(4, true);

    const id = await repo.awaitMessage(ADMIN, ADMIN * 10);
    expect((await repo.awaiting(ADMIN))?.id).toBe(id);
    await repo.setDraft(id, "hello", [{ type: "bold", offset: 0, length: 5 }]);
    expect(await repo.recipientCount(ADMIN)).toBe(2);
    expect(await repo.start(id, 77)).toBe(true);
    expect(await repo.start(id, 77)).toBe(false);
    // A user who joins later is not added to a broadcast already under way.
    await accounts.open({ id: 6, chatId: 60, firstName: "U", locale: "en" });

    const first = await repo.claimNext(id);
    expect(first).toEqual({ user_id: 2, chat_id: 20 });
    await repo.settle(id, 2, "delivered");
    const second = await repo.claimNext(id);
    expect(second).toEqual({ user_id: 5, chat_id: 50 });
    // The process dies while sending to user 5; at restart that row is counted failed, not resent.
    await repo.abandonInFlight(id);
    expect(await repo.claimNext(id)).toBeUndefined();
    expect(await repo.counts(id)).toEqual({ total: 2, pending: 0, delivered: 1, blocked: 0, failed: 1 });
    expect(await repo.finish(id)).toBe(true);
    expect(await repo.finish(id)).toBe(false);
    expect((await repo.sending()).length).toBe(0);
  });
});
