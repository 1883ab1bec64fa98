import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import type { Clock } from "../../src/clock.js";
import { createGenerationEngine } from "../../src/generation/engine.js";
import { holdKeyOf } from "../../src/generation/hold-key.js";
import type { JobOutput } from "../../src/generation/types.js";
import { createLogger } from "../../src/logger.js";
import type { MediaProvider, MediaRequest, Providers } from "../../src/providers/types.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository } from "../../src/storage/generations-repository.js";
import { createMessagesRepository } from "../../src/storage/messages-repository.js";
import { createUsersRepository } from "../../src/storage/users-repository.js";
import { testPlans } from "../support/plans.js";

/** The media model the lease tests run (any model with an asynchronous upstream would do). */
export const LEASE_MODEL = "musicgen";

/** What every engine of one test did, per job id: shared, so duplicates across instances show. */
export interface Tally {
  submits: Map<number, number>;
  deliveries: Map<number, number>;
  progress: Map<number, number>;
  /** Upstream submits in flight that a test holds open; resolved by the test or aborted. */
  hanging: Map<number, { signal: AbortSignal; finish: () => void }>;
}

export const newTally = (): Tally => ({
  submits: new Map(),
  deliveries: new Map(),
  progress: new Map(),
  hanging: new Map(),
});
const bump = (map: Map<number, number>, id: number) => map.set(id, (map.get(id) ?? 0) + 1);

/**
 * One instance of the job engine on a shared database. Its upstream answers a job id at once and
 * the poll finishes it; with `hang`, a submit waits until the test finishes it or it is aborted.
 */
export function createInstance(
  storage: Storage,
  tally: Tally,
  options: { owner: string; clock: Clock; leaseMs?: number; hang?: boolean; captureFailsOnce?: boolean },
) {
  const now = () => options.clock.now().getTime();
  const ledger = createLedger(storage, options.clock);
  const accounts = createAccounts(storage, ledger, options.clock, (id) => testPlans[id]);
  const repo = createGenerationsRepository(storage.db, now);
  const jobOf = (request: MediaRequest) => Number(request.idempotencyKey?.replace("job-", ""));
  const media: MediaProvider = {
    async submit(request) {
      const id = jobOf(request);
      bump(tally.submits, id);
      if (options.hang) {
        await new Promise<void>((resolve, reject) => {
          tally.hanging.set(id, { signal: request.signal as AbortSignal, finish: resolve });
          request.signal?.addEventListener("abort", () => reject(request.signal?.reason), { once: true });
        });
      }
      return { status: "pending", jobId: `up-${id}` };
    },
    poll: async () => ({ status: "done", outputs: [{ type: "text", text: "done" }] }),
  };
  const providers: Providers = { configured: () => true, chat: () => undefined, media: () => media };
  const output: JobOutput = {
    started: async () => undefined,
    progress: async (job) => void bump(tally.progress, job.id),
    deliver: async (job, _outputs, _receipt, parts) => {
      bump(tally.deliveries, job.id);
      await parts.sent(1, 1000 + job.id);
    },
    failed: async () => {},
    fetchInput: async () => {
      throw new Error("no inputs");
    },
  };
  let captureFails = options.captureFailsOnce ?? false;
  const engine = createGenerationEngine({
    repo,
    // With `captureFailsOnce`, the first capture throws as a database that did not answer would.
    ledger: {
      ...ledger,
      async capture(key) {
        if (!captureFails) return ledger.capture(key);
        captureFails = false;
        throw new Error("connection terminated unexpectedly");
      },
    },
    accounts,
    catalog: createCatalog(),
    providers,
    messages: createMessagesRepository(storage.db, now),
    users: createUsersRepository(storage.db),
    clock: options.clock,
    logger: createLogger("silent"),
    output,
    lease: { owner: options.owner, ms: options.leaseMs ?? 30_000 },
  });

  /** A job held and ready to run, started by no instance (as a crash right after the hold leaves it). */
  async function heldJob(userId: number) {
    await accounts.open({ id: userId, chatId: userId, firstName: "U", locale: "en" });
    const { job } = await repo.create({
      userId,
      chatId: userId,
      model: LEASE_MODEL,
      kind: "audio",
      params: {},
      prompt: "a tune",
      inputs: null,
      price: 1,
      deadlineAt: now() + 3_600_000,
    });
    const plan = await accounts.currentPlan(userId);
    await repo.inTransaction(async (trx) => {
      await repo.transition(job.id, ["quoted"], { status: "held" }, trx);
      await ledger.holdIn(trx, { userId, amount: 1, key: holdKeyOf(job.id), model: LEASE_MODEL, plan });
    });
    return job.id;
  }

  return { engine, repo, ledger, heldJob };
}

/** A clock a test moves by hand: lease expiry is decided by it, never by waiting. */
export function manualClock(start = Date.now()) {
  let at = start;
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}
