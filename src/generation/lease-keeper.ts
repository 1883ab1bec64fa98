import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import type { GenerationsRepository } from "../storage/generations-repository.js";

/** How long a claimed job stays this instance's without a renewal; renewed every third of it. */
export const DEFAULT_LEASE_MS = 30_000;

/** The abort reason of a step whose job another instance took over: it stops without touching the job. */
export class LeaseLost extends Error {
  override readonly name = "LeaseLost";
  constructor() {
    super("another instance took the job over");
  }
}

export interface LeaseOptions {
  /** This instance's name in `lease_owner`; unique per process. */
  owner?: string;
  ms?: number;
}

/** A name no other process shares: the host (a container's id), the pid and a random tail. */
export const instanceName = () => `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * The jobs this instance holds, renewed in one statement every third of the lease. A job missing
 * from a renewal's answer was lost (taken over after a stall, or ended by another instance):
 * `onLost` stops everything this instance still does for it.
 */
export function createLeaseKeeper(
  repo: GenerationsRepository,
  logger: Logger,
  onLost: (id: number) => void,
  options: LeaseOptions = {},
) {
  const owner = options.owner ?? instanceName();
  const ms = options.ms ?? DEFAULT_LEASE_MS;
  const held = new Set<number>();
  let timer: NodeJS.Timeout | undefined;

  function keep(ids: readonly number[]) {
    for (const id of ids) held.add(id);
    // Renewals run while this instance holds anything, whether or not its poller was started.
    if (held.size > 0 && !timer) {
      timer = setInterval(() => void renew(), Math.max(50, Math.floor(ms / 3)));
      timer.unref();
    }
    return ids;
  }

  async function renew() {
    const ids = [...held];
    const kept = await repo.renew(ids, owner, ms).catch((error) => {
      // The database did not answer: nothing is known lost; the next renewal tries again.
      logger.warn({ err: error }, "lease renewal failed");
      return new Set(ids);
    });
    for (const id of ids) {
      if (kept.has(id)) continue;
      held.delete(id);
      onLost(id);
    }
  }

  return {
    owner,
    holds: (id: number) => held.has(id),
    /** Takes one job's lease (or confirms it is still ours); false when another instance holds it live. */
    async claim(id: number): Promise<boolean> {
      const ok = await repo.claim(id, owner, ms);
      if (ok) keep([id]);
      return ok;
    },
    /** The poller's batch, already claimed: due polls and jobs of instances whose lease ran out. */
    claimDue: async () => keep(await repo.claimDue(owner, ms)),
    /** Jobs in flight that nobody holds live (not claimed yet: each is claimed before its step). */
    unleased: () => repo.unleased(owner),
    /** A job that ended here: nothing more to renew. */
    drop: (id: number) => void held.delete(id),
    /** Stops renewing and frees the jobs no step is running for, so another instance takes them at once. */
    async stop(stillRunning: (id: number) => boolean) {
      clearInterval(timer);
      timer = undefined;
      const idle = [...held].filter((id) => !stillRunning(id));
      held.clear();
      await repo.release(idle, owner).catch((error) => logger.warn({ err: error }, "leases not released"));
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
