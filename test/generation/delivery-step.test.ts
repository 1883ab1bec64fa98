import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { createManualClock } from "../../src/clock.js";
import { createDeliveryStep, DELIVERY_RETRY_MS } from "../../src/generation/delivery-step.js";
import type { EngineDeps } from "../../src/generation/engine.js";
import { holdKeyOf } from "../../src/generation/hold-key.js";
import { serializeOutputs } from "../../src/generation/outputs.js";
import { DeliveryFailed, type DeliveryParts, type Failure, type JobOutput } from "../../src/generation/types.js";
import type { Providers } from "../../src/providers/types.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository } from "../../src/storage/generations-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

const USER = 501;
const PARTS = ["part one", "part two", "part three"];

/**
 * A chat that takes the three parts of an answer; `failAt` makes the attempt stop when that part
 * is due, the way a network drop or a blocked bot would.
 */
function fakeChat() {
  const received: string[] = [];
  const attempts: number[] = [];
  let failure: { at: number; permanent: boolean } | undefined;
  const output: Pick<JobOutput, "deliver"> = {
    async deliver(_job, _outputs, _receipt, parts: DeliveryParts) {
      attempts.push(parts.done);
      for (const [index, text] of PARTS.entries()) {
        if (index < parts.done) continue;
        if (failure?.at === index) {
          const permanent = failure.permanent;
          failure = undefined;
          throw new DeliveryFailed(permanent);
        }
        received.push(text);
        await parts.sent(index + 1);
      }
    },
  };
  const failAt = (at: number, permanent: boolean) => {
    failure = { at, permanent };
  };
  return { output, received, attempts, failAt };
}

describe.each(testStorages())("delivery of a stored result on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock();
    const now = () => clock.now().getTime();
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: USER, chatId: USER, firstName: "Ann", locale: "en" });
    const repo = createGenerationsRepository(storage.db, now);
    const { job } = await repo.create({
      userId: USER,
      chatId: USER,
      model: "gpt-5-nano",
      kind: "text",
      params: {},
      prompt: "hi",
      inputs: null,
      price: 3,
      deadlineAt: now() + 60_000,
    });
    await ledger.hold({
      userId: USER,
      amount: 3,
      key: holdKeyOf(job.id),
      model: "gpt-5-nano",
      plan: testPlans.starter,
    });
    await repo.transition(job.id, ["quoted"], {
      status: "delivering",
      outputs: serializeOutputs([{ type: "text", text: PARTS.join("\n") }]),
    });
    const chat = fakeChat();
    const later: number[] = [];
    const failed: Failure[] = [];
    const deps = {
      repo,
      ledger,
      catalog: createCatalog(),
      providers: { media: () => undefined } as unknown as Providers,
      logger: pino({ level: "silent" }),
      output: chat.output,
    } as unknown as EngineDeps;
    const again: number[] = [];
    const runs: (() => void)[] = [];
    const step = createDeliveryStep(
      deps,
      {
        again: (id) => void again.push(id),
        fail: async (failedJob, failure) => {
          failed.push(failure);
          await repo.transition(failedJob.id, ["delivering"], { status: "failed" });
          await ledger.release(holdKeyOf(failedJob.id));
        },
        capture: (delivered) =>
          repo.inTransaction(async (trx) => {
            if (!(await repo.transition(delivered.id, ["delivering"], { status: "captured" }, trx))) return false;
            await ledger.captureIn(trx, holdKeyOf(delivered.id));
            return true;
          }),
      },
      (run, ms) => {
        later.push(ms);
        runs.push(run);
        return () => {};
      },
    );
    const deliver = step.deliver;
    const current = async () => (await repo.get(job.id))!;
    const holdStatus = async () =>
      (await storage.db.selectFrom("holds").select("status").where("key", "=", holdKeyOf(job.id)).executeTakeFirst())
        ?.status;
    return { chat, deliver, current, later, runs, again, failed, holdStatus, jobId: job.id };
  }

  it("a delivery that breaks after two parts is tried again later from the third, and charged once", async () => {
    const { chat, deliver, current, later, runs, again, failed, holdStatus, jobId } = await setup();
    chat.failAt(2, false);
    await deliver(await current());
    expect(chat.received).toEqual(["part one", "part two"]);
    expect((await current()).status).toBe("delivering");
    expect((await current()).delivered_parts).toBe(2);
    expect(await holdStatus()).toBe("held");
    expect(later).toEqual([DELIVERY_RETRY_MS[0]]);
    expect(again).toEqual([]);
    runs[0]?.();
    expect(again).toEqual([jobId]);

    // The retry (or a restart) reads the row again: only the missing part goes out.
    await deliver(await current());
    expect(chat.attempts).toEqual([0, 2]);
    expect(chat.received).toEqual(PARTS);
    expect((await current()).status).toBe("captured");
    expect(await holdStatus()).toBe("captured");
    expect(failed).toEqual([]);
  });

  it("a chat that refuses the rest after a part was delivered keeps the part and pays for it: never released", async () => {
    const { chat, deliver, current, later, failed, holdStatus } = await setup();
    chat.failAt(1, true);
    await deliver(await current());
    expect(chat.received).toEqual(["part one"]);
    expect(later).toEqual([]);
    expect(failed).toEqual([]);
    expect((await current()).status).toBe("captured");
    expect(await holdStatus()).toBe("captured");
  });

  it("a chat that refuses everything gets the hold back", async () => {
    const { chat, deliver, current, failed, holdStatus } = await setup();
    chat.failAt(0, true);
    await deliver(await current());
    expect(chat.received).toEqual([]);
    expect(failed).toEqual([{ kind: "undeliverable" }]);
    expect((await current()).status).toBe("failed");
    expect(await holdStatus()).toBe("released");
  });
});
