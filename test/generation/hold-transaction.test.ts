import { afterEach, describe, expect, it } from "vitest";
import { holdKeyOf } from "../../src/generation/hold-key.js";
import type { Storage } from "../../src/storage/database.js";
import { IN_FLIGHT } from "../../src/storage/generations-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";
import { createEngineHarness } from "./engine-harness.js";

const inFlight = (status: string | undefined) => (IN_FLIGHT as readonly (string | undefined)[]).includes(status);

describe.each(testStorages())("a job's hold and its state on $name", ({ open }) => {
  let storage: Storage;
  let stopEngine: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopEngine?.();
    stopEngine = undefined;
    await storage?.close();
  });

  async function setup(options: Parameters<typeof createEngineHarness>[1] = {}) {
    storage = await open();
    const harness = await createEngineHarness(storage, options);
    stopEngine = harness.shutdown;
    return harness;
  }

  it("holds nothing when the state change fails: the hold and the state commit together", async () => {
    let failHeld = true;
    const { engine, ledger, repo, quote } = await setup({
      wrapRepo: (r) => ({
        ...r,
        transition: async (id, from, changes, trx) => {
          if (changes.status === "held" && failHeld) throw new Error("disk full");
          return r.transition(id, from, changes, trx);
        },
        transitionRow: async (id, from, changes, trx) => {
          if (changes.status === "held" && failHeld) throw new Error("disk full");
          return r.transitionRow(id, from, changes, trx);
        },
      }),
    });
    const { job } = await quote();
    await expect(engine.confirm(job.id, 1)).rejects.toThrow("disk full");
    expect(await ledger.getHold(holdKeyOf(job.id))).toBeUndefined();
    expect((await ledger.balance(1)).total).toBe(50);
    expect((await repo.get(job.id))?.status).toBe("quoted");
    failHeld = false;
    expect((await engine.confirm(job.id, 1))?.status).toMatch(/held|submitted/);
    expect(await ledger.getHold(holdKeyOf(job.id))).toMatchObject({ status: "held", amount: job.price });
  });

  it("under concurrent confirms, cancels and sweeps, a hold is open exactly while its job is in flight", async () => {
    const users = [11, 12, 13];
    const { engine, ledger, repo, quote } = await setup({ userIds: users });
    const jobs = [];
    for (const user of users) for (let i = 0; i < 4; i++) jobs.push((await quote(user)).job);
    const ops: Promise<unknown>[] = [];
    jobs.forEach((job, i) => {
      ops.push(engine.confirm(job.id, job.user_id), engine.confirm(job.id, job.user_id));
      if (i % 2 === 0) ops.push(engine.cancel(job.id, job.user_id));
      if (i % 3 === 0) ops.push(engine.sweepHolds());
    });
    await Promise.all(ops);
    await engine.sweepHolds();
    let heldTotal = 0;
    for (const job of jobs) {
      const row = await repo.get(job.id);
      const hold = await ledger.getHold(holdKeyOf(job.id));
      expect(hold?.status === "held", `job ${job.id} is ${row?.status}, hold ${hold?.status}`).toBe(
        inFlight(row?.status) && row?.status !== "failed",
      );
      if (hold?.status === "held") heldTotal += hold.amount;
    }
    for (const user of users) {
      const mine = jobs.filter((j) => j.user_id === user);
      let held = 0;
      for (const job of mine) if ((await ledger.getHold(holdKeyOf(job.id)))?.status === "held") held += job.price;
      expect((await ledger.balance(user)).total).toBe(50 - held);
    }
    // Half the jobs were cancelled, but a cancel that lost to a confirm is too late: some must be running.
    expect(heldTotal).toBeGreaterThan(0);
  });

  it("the sweeper gives back a hold stranded between the hold and the state change, once, and logs it", async () => {
    const { engine, ledger, repo, quote, logLines } = await setup();
    const { job: stranded } = await quote();
    const { job: running } = await quote();
    // What the old two-step confirm left behind when the process died between its steps.
    await ledger.hold({
      userId: 1,
      amount: stranded.price,
      key: holdKeyOf(stranded.id),
      model: stranded.model,
      plan: testPlans.starter,
    });
    await engine.confirm(running.id, 1);
    const swept = await Promise.all([engine.sweepHolds(), engine.sweepHolds()]);
    expect(new Set(swept.flat().map((s) => s.generation))).toEqual(new Set([stranded.id]));
    expect(await engine.sweepHolds()).toEqual([]);
    expect((await ledger.getHold(holdKeyOf(stranded.id)))?.status).toBe("released");
    expect((await ledger.getHold(holdKeyOf(running.id)))?.status).toBe("held");
    expect((await ledger.balance(1)).total).toBe(50 - running.price);
    // The quote is closed with it: confirming it later must not run on a hold that was given back.
    expect((await repo.get(stranded.id))?.status).toBe("cancelled");
    expect(await engine.confirm(stranded.id, 1)).toBeUndefined();
    const logged = logLines.filter((l) => l.msg === "released a hold whose job is not in flight");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ key: holdKeyOf(stranded.id), generation: stranded.id, userId: 1 });
  });

  it("releases a job whose model left the catalog and tells the user, instead of keeping its tokens", async () => {
    const { engine, ledger, repo, failures, quote } = await setup();
    const { job } = await quote();
    // Left in flight by an earlier process, whose catalog still had the model.
    await repo.transition(job.id, ["quoted"], { status: "held" });
    await ledger.hold({
      userId: 1,
      amount: job.price,
      key: holdKeyOf(job.id),
      model: job.model,
      plan: testPlans.starter,
    });
    await repo.update(job.id, { model: "retired-model-xyz" });
    expect(await engine.resume()).toBe(1);
    await engine.stop();
    expect((await repo.get(job.id))?.status).toBe("released");
    expect((await ledger.getHold(holdKeyOf(job.id)))?.status).toBe("released");
    expect((await ledger.balance(1)).total).toBe(50);
    expect(failures).toContainEqual({ generation: job.id, failure: { kind: "unavailable" } });
  });

  it("makes one job for one request message, however often it is quoted", async () => {
    const { quote } = await setup();
    const request = { chatId: 1, messageId: 77 };
    const [a, b] = await Promise.all([quote(1, request), quote(1, request)]);
    expect(a.job.id).toBe(b.job.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect((await quote(1, { chatId: 1, messageId: 78 })).job.id).not.toBe(a.job.id);
  });
});
