import type { Ledger } from "../billing/ledger.js";
import type { Logger } from "../logger.js";
import type { GenerationsRepository } from "../storage/generations-repository.js";
import { generationOfHoldKey, HOLD_KEY_PREFIX } from "./hold-key.js";

export interface HoldSweeperDeps {
  repo: GenerationsRepository;
  ledger: Ledger;
  logger: Logger;
}

/** A hold the sweeper gave back. */
export interface SweptHold {
  key: string;
  generation: number;
  userId: number;
  amount: number;
}

/**
 * Gives back holds whose job is not in flight (never started, cancelled, or gone): tokens must not
 * stay reserved for a job that will never run. Jobs in flight keep theirs; the runner settles them.
 */
export function createHoldSweeper(deps: HoldSweeperDeps) {
  const { repo, ledger, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweptHold[]> | undefined;

  async function sweepOnce(): Promise<SweptHold[]> {
    const swept: SweptHold[] = [];
    for (const hold of await ledger.openHolds(HOLD_KEY_PREFIX)) {
      const generation = generationOfHoldKey(hold.key);
      if (generation === undefined) continue;
      // One transaction: the job's row lock is taken first, so a confirm or a runner step
      // committing meanwhile is either seen here or waits for this decision.
      const released = await repo.inTransaction(
        async (trx) => (await repo.claimIdle(trx, generation)) && (await ledger.releaseIn(trx, hold.key)),
      );
      if (!released) continue;
      const item = { key: hold.key, generation, userId: hold.userId, amount: hold.amount };
      logger.warn(item, "released a hold whose job is not in flight");
      swept.push(item);
    }
    return swept;
  }

  /** Runs one sweep (a sweep already running is joined, not doubled). */
  function sweep(): Promise<SweptHold[]> {
    running ??= sweepOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    sweep,

    /** Sweeps now and then every `intervalMs` (a few minutes) until `stop`. */
    start(intervalMs = 5 * 60_000) {
      const run = () => void sweep().catch((error) => logger.error({ err: error }, "hold sweep failed"));
      run();
      timer ??= setInterval(run, intervalMs);
      timer.unref();
    },

    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type HoldSweeper = ReturnType<typeof createHoldSweeper>;
