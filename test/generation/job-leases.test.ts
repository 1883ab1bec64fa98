import { afterEach, describe, expect, it } from "vitest";
import { holdKeyOf } from "../../src/generation/hold-key.js";
import type { Storage } from "../../src/storage/database.js";
import { eventually } from "../support/eventually.js";
import { testStorages } from "../support/storage.js";
import { createInstance, manualClock, newTally, type Tally } from "./lease-harness.js";

/** Waits until `check` holds, checking again every few milliseconds (the condition decides, not the time). */
const until = (check: () => boolean | Promise<boolean>, what: string) => eventually(check, what, { everyMs: 5 });

describe.each(testStorages())("leased jobs on $name", ({ name, open }) => {
  let storage: Storage;
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await storage?.close();
  });

  function instance(tally: Tally, options: Parameters<typeof createInstance>[2]) {
    const created = createInstance(storage, tally, options);
    stops.push(() => created.engine.stop(1_000));
    return created;
  }

  /**
   * Moves the clock to the latest poll due among the jobs, and no further: jumping by a fixed step on
   * every check would, on a fast machine, run the clock past the jobs' deadline before a poll.
   */
  const advanceToPolls = async (
    repo: ReturnType<typeof createInstance>["repo"],
    clock: ReturnType<typeof manualClock>,
    ids: number[],
  ) => {
    const rows = await Promise.all(ids.map((id) => repo.get(id)));
    const due = rows.flatMap((row) =>
      row?.status === "polling" && row.next_poll_at !== null ? [row.next_poll_at] : [],
    );
    const ahead = Math.max(0, ...due) - clock.now().getTime();
    if (ahead > 0) clock.advance(ahead);
  };

  const settled = async (repo: ReturnType<typeof createInstance>["repo"], ids: number[]) => {
    const rows = await Promise.all(ids.map((id) => repo.get(id)));
    return rows.every((row) => row?.status === "captured");
  };

  it("two instances resuming and polling the same jobs submit, deliver and capture each once", async () => {
    storage = await open();
    const tally = newTally();
    const clock = manualClock();
    const a = instance(tally, { owner: "a", clock });
    const b = instance(tally, { owner: "b", clock });
    const ids: number[] = [];
    for (let user = 1; user <= 12; user++) ids.push(await a.heldJob(100 + user));
    clock.advance(60_000);
    // Both start at once, as in a rolling deploy or a restart of two instances.
    const [resumedA, resumedB] = await Promise.all([a.engine.resume(), b.engine.resume()]);
    expect(resumedA + resumedB).toBeGreaterThanOrEqual(ids.length);
    a.engine.startPolling();
    b.engine.startPolling();
    await until(async () => {
      await advanceToPolls(a.repo, clock, ids);
      return settled(a.repo, ids);
    }, "every job captured");
    for (const id of ids) {
      expect(tally.submits.get(id), `submits of ${id}`).toBe(1);
      expect(tally.deliveries.get(id), `deliveries of ${id}`).toBe(1);
      expect(await a.ledger.getHold(holdKeyOf(id))).toMatchObject({ status: "captured" });
      expect(JSON.parse((await a.repo.get(id))?.delivered_message_ids ?? "[]")).toEqual([1000 + id]);
    }
    if (name === "postgres") expect(storage.dialect).toBe("postgres");
  });

  it("a job whose instance crashed is taken over only after its lease runs out, and its resend is counted", async () => {
    storage = await open();
    const tally = newTally();
    const clock = manualClock();
    const crashed = instance(tally, { owner: "crashed", clock, leaseMs: 10_000 });
    const id = await crashed.heldJob(201);
    // The crashed instance claimed the job and was sending it upstream when it died.
    expect(await crashed.repo.claim(id, "crashed", 10_000)).toBe(true);
    await crashed.repo.transition(id, ["held"], { status: "submitted" });
    await crashed.repo.countSubmit(id);
    const survivor = createInstance(storage, tally, { owner: "survivor", clock, leaseMs: 10_000 });
    stops.push(() => survivor.engine.stop(1_000));
    expect(await survivor.engine.resume()).toBe(0);
    expect(await survivor.repo.claimDue("survivor", 10_000)).toEqual([]);
    expect(tally.submits.get(id)).toBeUndefined();
    clock.advance(10_001);
    expect(await survivor.engine.resume()).toBe(1);
    await until(async () => (await survivor.repo.get(id))?.status !== "submitted", "the job moved on");
    survivor.engine.startPolling();
    await until(async () => {
      await advanceToPolls(survivor.repo, clock, [id]);
      return settled(survivor.repo, [id]);
    }, "the job captured");
    expect(tally.submits.get(id)).toBe(1);
    expect(tally.deliveries.get(id)).toBe(1);
    expect((await survivor.repo.get(id))?.submit_attempts).toBe(2);
  });

  it("a step that crashed is run again by the instance that holds the job, so the hold is captured", async () => {
    storage = await open();
    const tally = newTally();
    const clock = manualClock();
    const a = instance(tally, { owner: "a", clock, captureFailsOnce: true });
    const id = await a.heldJob(401);
    a.engine.runner.start(id);
    a.engine.startPolling();
    await until(async () => {
      await advanceToPolls(a.repo, clock, [id]);
      return settled(a.repo, [id]);
    }, "the job captured after its capture failed once");
    expect(tally.deliveries.get(id)).toBe(1);
    expect(await a.ledger.getHold(holdKeyOf(id))).toMatchObject({ status: "captured" });
  });

  it("an instance that loses a job stops its step without failing the job", async () => {
    storage = await open();
    const tally = newTally();
    const clock = manualClock();
    const a = instance(tally, { owner: "a", clock, leaseMs: 300, hang: true });
    const id = await a.heldJob(301);
    a.engine.runner.start(id);
    await until(() => tally.hanging.has(id), "the upstream call started");
    const call = tally.hanging.get(id);
    // Another instance took the job over (this one stalled past its lease).
    await storage.db.updateTable("generations").set({ lease_owner: "b" }).where("id", "=", id).execute();
    await until(() => call?.signal.aborted === true, "the upstream call aborted");
    await until(() => !a.engine.runner.holds(id), "the lease dropped");
    const row = await a.repo.get(id);
    expect(row?.status).toBe("submitted");
    expect(row?.lease_owner).toBe("b");
    expect(await a.ledger.getHold(holdKeyOf(id))).toMatchObject({ status: "held" });
  });
});
