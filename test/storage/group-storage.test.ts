import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository } from "../../src/storage/generations-repository.js";
import { createGroupSettingsRepository } from "../../src/storage/group-settings-repository.js";
import { createMessagesRepository } from "../../src/storage/messages-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

describe.each(testStorages())("group storage on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock();
    const now = () => clock.now().getTime();
    const ledger = createLedger(storage, clock);
    await createAccounts(storage, ledger, clock, (id) => testPlans[id]).open({
      id: 81,
      chatId: 81,
      firstName: "Ann",
      locale: "en",
    });
    return {
      clock,
      settings: createGroupSettingsRepository(storage.db, now),
      messages: createMessagesRepository(storage.db, now),
      generations: createGenerationsRepository(storage.db, now),
    };
  }

  it("stores settings per group, with defaults for a group nobody configured", async () => {
    const { settings } = await setup();
    expect(await settings.get(-1001)).toEqual({ enabled: true, kinds: null, memberDailyCap: null });
    await settings.set(-1001, { enabled: false, kinds: ["text"], memberDailyCap: 50 });
    await settings.set(-1001, { enabled: false, kinds: ["text", "image"], memberDailyCap: 10 });
    expect(await settings.get(-1001)).toEqual({ enabled: false, kinds: ["text", "image"], memberDailyCap: 10 });
    expect((await settings.get(-1002)).enabled).toBe(true);
  });

  it("keeps a group topic's conversation apart from the private one", async () => {
    const { messages } = await setup();
    await messages.append(81, 1, [{ role: "user", content: "private" }], "m");
    await messages.append(81, 1, [{ role: "user", content: "in topic 7" }], "m", "g:-1001:7");
    await messages.append(81, 1, [{ role: "user", content: "in topic 9" }], "m", "g:-1001:9");
    expect(await messages.recent(81, 1, 10)).toEqual([{ role: "user", content: "private" }]);
    expect(await messages.recentInScope("g:-1001:7", 10)).toEqual([{ role: "user", content: "in topic 7" }]);
  });

  it("sums what a member's jobs in one group took since a time, leaving out quotes and failures", async () => {
    const { generations, clock } = await setup();
    const job = (chatId: number, price: number) =>
      generations.create({
        userId: 81,
        chatId,
        model: "gpt-5-nano",
        kind: "text",
        params: {},
        prompt: "p",
        inputs: null,
        price,
        deadlineAt: 0,
        replyTo: 5,
        threadId: 7,
      });
    const since = clock.now().getTime();
    const { job: a } = await job(-1001, 3);
    await generations.transition(a.id, ["quoted"], { status: "captured" });
    const { job: b } = await job(-1001, 4);
    await generations.transition(b.id, ["quoted"], { status: "held" });
    await job(-1001, 100); // only quoted
    const { job: c } = await job(-1002, 8);
    await generations.transition(c.id, ["quoted"], { status: "captured" });
    const { job: d } = await job(-1001, 16);
    await generations.transition(d.id, ["quoted"], { status: "released" });
    expect(await generations.spentInChat(81, -1001, since)).toBe(7);
    expect(Number((await generations.get(a.id))?.thread_id)).toBe(7);
  });
});
