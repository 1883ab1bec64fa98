import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository } from "../../src/storage/generations-repository.js";
import { createMessagesRepository } from "../../src/storage/messages-repository.js";
import { createUsersRepository } from "../../src/storage/users-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

describe.each(testStorages())("repositories on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock();
    const now = () => clock.now().getTime();
    const ledger = createLedger(storage, clock);
    await createAccounts(storage, ledger, clock, (id) => testPlans[id]).open({
      id: 77,
      chatId: 77,
      firstName: "Eve",
      locale: "en",
    });
    return {
      clock,
      users: createUsersRepository(storage.db),
      messages: createMessagesRepository(storage.db, now),
      generations: createGenerationsRepository(storage.db, now),
    };
  }

  it("keeps conversation turns per conversation, oldest first, and /new starts over", async () => {
    const { users, messages } = await setup();
    await messages.append(
      77,
      1,
      [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
      ],
      "m",
    );
    await messages.append(77, 1, [{ role: "user", content: "c" }], "m");
    expect(await messages.recent(77, 1, 2)).toEqual([
      { role: "assistant", content: "b" },
      { role: "user", content: "c" },
    ]);
    await users.newConversation(77);
    const user = await users.get(77);
    expect(user.conversation_id).toBe(2);
    expect(await messages.recent(77, user.conversation_id, 10)).toEqual([]);
  });

  it("moves a job only from the states it names, so two actors can't both advance it", async () => {
    const { generations } = await setup();
    const { job } = await generations.create({
      userId: 77,
      chatId: 77,
      model: "m",
      kind: "image",
      params: { a: 1 },
      prompt: "p",
      inputs: null,
      price: 5,
      deadlineAt: 0,
    });
    expect(job.status).toBe("quoted");
    const results = await Promise.all([
      generations.transition(job.id, ["quoted"], { status: "held" }),
      generations.transition(job.id, ["quoted"], { status: "cancelled" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await generations.inFlight()).toHaveLength((await generations.get(job.id))?.status === "held" ? 1 : 0);
  });

  it("makes one job per request message, however often it is created", async () => {
    const { generations } = await setup();
    const request = { chatId: -100_123, messageId: 42 };
    const make = (messageId = 42) =>
      generations.create({
        userId: 77,
        chatId: request.chatId,
        model: "m",
        kind: "text",
        params: {},
        prompt: "p",
        inputs: null,
        price: 1,
        deadlineAt: 0,
        request: { ...request, messageId },
      });
    const results = await Promise.all([make(), make(), make()]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
    const other = await make(43);
    expect(other.created).toBe(true);
    expect(other.job.id).not.toBe(results[0]?.job.id);
  });

  it("finds polls that are due", async () => {
    const { generations, clock } = await setup();
    const { job } = await generations.create({
      userId: 77,
      chatId: 77,
      model: "m",
      kind: "video",
      params: {},
      prompt: "p",
      inputs: null,
      price: 5,
      deadlineAt: 0,
    });
    await generations.transition(job.id, ["quoted"], { status: "polling", next_poll_at: clock.now().getTime() + 5000 });
    expect(await generations.duePolls(clock.now().getTime())).toHaveLength(0);
    clock.advance(5000);
    expect((await generations.duePolls(clock.now().getTime())).map((g) => g.id)).toEqual([job.id]);
  });

  it("stores per-model parameters and pending inputs", async () => {
    const { users } = await setup();
    await users.setModelParams(77, "dall-e-3", { size: "1792x1024" });
    await users.setModelParams(77, "kling-v2.1", { mode: "pro" });
    await users.setPendingInputs(77, [{ fileId: "f", kind: "photo" }]);
    const user = await users.get(77);
    expect(users.modelParams(user)).toEqual({ "dall-e-3": { size: "1792x1024" }, "kling-v2.1": { mode: "pro" } });
    expect(JSON.parse(user.pending_inputs ?? "[]")).toEqual([{ fileId: "f", kind: "photo" }]);
  });

  it("sets and clears each of the user's flags without touching the others", async () => {
    const { users } = await setup();
    const flags = async () => {
      const { plan_canceled, blocked, broadcast_opt_out } = await users.get(77);
      return { plan_canceled, blocked, broadcast_opt_out };
    };
    expect(await flags()).toEqual({ plan_canceled: 0, blocked: 0, broadcast_opt_out: 0 });
    await users.setPlanCanceled(77, true);
    expect(await flags()).toEqual({ plan_canceled: 1, blocked: 0, broadcast_opt_out: 0 });
    await users.setBlocked(77, true);
    expect(await flags()).toEqual({ plan_canceled: 1, blocked: 1, broadcast_opt_out: 0 });
    await users.setBroadcastOptOut(77, true);
    expect(await flags()).toEqual({ plan_canceled: 1, blocked: 1, broadcast_opt_out: 1 });
    await users.setPlanCanceled(77, false);
    await users.setBlocked(77, false);
    expect(await flags()).toEqual({ plan_canceled: 0, blocked: 0, broadcast_opt_out: 1 });
  });
});
