import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import type { GenerationRow, GenerationsRepository } from "../storage/generations-repository.js";

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
 *
 * Each job's lease is known to be this instance's until `ms` after the claim or renewal that last
 * confirmed it was sent. Past that (the process stalled, the database did not answer) another
 * instance may have the job already, so `holds` says no until a renewal confirms it again.
 */
export function createLeaseKeeper(
  repo: GenerationsRepository,
  logger: Logger,
  onLost: (id: number) => void,
  options: LeaseOptions = {},
  now: () => number = Date.now,
) {
  const owner = options.owner ?? instanceName();
  const ms = options.ms ?? DEFAULT_LEASE_MS;
  /** Held jobs, and until when each is known to be held. */
  const held = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;

  function keep(ids: readonly number[], sentAt: number) {
    for (const id of ids) held.set(id, sentAt + ms);
    // Renewals run while this instance holds anything, whether or not its poller was started.
    if (held.size > 0 && !timer) {
      timer = setInterval(() => void renew(), Math.max(50, Math.floor(ms / 3)));
      timer.unref();
    }
    return ids;
  }

  async function renew() {
    const ids = [...held.keys()];
    const sentAt = now();
    const kept = await repo.renew(ids, owner, ms).catch((error) => {
      // The database did not answer: nothing is known lost (nor confirmed); the next renewal tries again.
      logger.warn({ err: error }, "lease renewal failed");
      return undefined;
    });
    if (!kept) return;
    for (const id of ids) {
      if (kept.has(id)) {
        if (held.has(id)) held.set(id, sentAt + ms);
        continue;
      }
      held.delete(id);
      logger.warn({ job_id: id, owner }, "job lease lost: another instance took the job over or ended it");
      onLost(id);
    }
  }

  /**
   * Takes one job's lease (or confirms it is still ours); answers the job's row as the claim left
   * it, or undefined when another instance holds it live.
   */
  async function claimRow(id: number): Promise<GenerationRow | undefined> {
    const sentAt = now();
    const row = await repo.claimRow(id, owner, ms);
    if (row) keep([id], sentAt);
    return row;
  }

  return {
    owner,
    /** Whether the job's lease is this instance's now: held, and confirmed less than a lease ago. */
    holds: (id: number) => (held.get(id) ?? 0) > now(),
    claimRow,
    /**
     * The lease columns for a statement that takes a job's lease itself (a confirm moving its job
     * out of `quoted`, which no lease covers), sent at `sentAt`; `adopt` records it once committed.
     */
    leaseFields: (sentAt: number) => ({ lease_owner: owner, lease_until: sentAt + ms }),
    /** A lease taken by a statement with `leaseFields(sentAt)`, now committed: held like a claimed one. */
    adopt: (id: number, sentAt: number) => void keep([id], sentAt),
    /** `claimRow`, answering only whether the lease is this instance's now. */
    claim: async (id: number): Promise<boolean> => (await claimRow(id)) !== undefined,
    /** The poller's batch, already claimed: due polls and jobs of instances whose lease ran out. */
    claimDue: async () => {
      const sentAt = now();
      return keep(await repo.claimDue(owner, ms), sentAt);
    },
    /** Jobs in flight that nobody holds live (not claimed yet: each is claimed before its step). */
    unleased: () => repo.unleased(owner),
    /** A job that ended here: nothing more to renew. */
    drop: (id: number) => void held.delete(id),
    /** Stops renewing and frees the jobs no step is running for, so another instance takes them at once. */
    async stop(stillRunning: (id: number) => boolean) {
      clearInterval(timer);
      timer = undefined;
      const idle = [...held.keys()].filter((id) => !stillRunning(id));
      held.clear();
      await repo.release(idle, owner).catch((error) => logger.warn({ err: error }, "leases not released"));
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
