import { describe, expect, it, vi } from "vitest";
import { createHeartbeat } from "../../src/generation/heartbeat.js";
import { CHAT_ACTION_MS } from "../../src/generation/job-timing.js";
import { createLeaseKeeper } from "../../src/generation/lease-keeper.js";
import type { JobOutput } from "../../src/generation/types.js";
import { createLogger } from "../../src/logger.js";
import type { GenerationRow, GenerationsRepository } from "../../src/storage/generations-repository.js";

/**
 * The lease statements of a repository, answered by the test: a renewal keeps the ids the test queued
 * in `renewals`, and with nothing queued it fails as an unreachable database would.
 */
function leaseRepo() {
  const state = { renewals: [] as Set<number>[], renewCalls: 0, claims: 0 };
  const repo = {
    claimRow: async (id: number) => {
      state.claims++;
      return { id };
    },
    renew: async () => {
      state.renewCalls++;
      const next = state.renewals.shift();
      if (!next) throw new Error("database down");
      return next;
    },
    release: async () => {},
    claimDue: async () => [],
    unleased: async () => [],
  } as unknown as GenerationsRepository;
  return { repo, state };
}

describe("lease keeper", () => {
  it("holds a job only while a claim or renewal confirmed it less than a lease ago", async () => {
    let at = 1_000_000;
    const { repo, state } = leaseRepo();
    const lost: number[] = [];
    const keeper = createLeaseKeeper(
      repo,
      createLogger("silent"),
      (id) => lost.push(id),
      { owner: "a", ms: 60_000 },
      () => at,
    );
    try {
      expect(await keeper.claim(7)).toBe(true);
      expect(keeper.holds(7)).toBe(true);
      // A stall longer than the lease: another instance may have the job now, so this one does not claim it is its own.
      at += 60_001;
      expect(keeper.holds(7)).toBe(false);
      // The claim (or a renewal) confirms it again.
      await keeper.claim(7);
      expect(keeper.holds(7)).toBe(true);
      expect(state.claims).toBe(2);
      expect(keeper.holds(8)).toBe(false);
      expect(lost).toEqual([]);
    } finally {
      await keeper.stop(() => false);
    }
  });

  it("a renewal that fails extends nothing; one that misses a job reports it lost", async () => {
    let at = 1_000_000;
    const { repo, state } = leaseRepo();
    const lost: number[] = [];
    // A short lease: renewals run every 50 ms of real time, the lease's clock is the test's.
    const keeper = createLeaseKeeper(
      repo,
      createLogger("silent"),
      (id) => lost.push(id),
      { owner: "a", ms: 150 },
      () => at,
    );
    try {
      await keeper.claim(1);
      await keeper.claim(2);
      const waitFor = async (check: () => boolean) => {
        while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      at += 200;
      const calls = state.renewCalls;
      await waitFor(() => state.renewCalls > calls);
      // Past the lease with no confirmation: not held, and not known lost either.
      expect(keeper.holds(1)).toBe(false);
      expect(lost).toEqual([]);
      state.renewals.push(new Set([1]));
      await waitFor(() => lost.length > 0);
      expect(lost).toEqual([2]);
      expect(keeper.holds(1)).toBe(true);
      expect(keeper.holds(2)).toBe(false);
    } finally {
      await keeper.stop(() => false);
    }
  });
});

describe("heartbeat", () => {
  it("shows progress only for the jobs the instance still has", async () => {
    const shown: number[] = [];
    const output = { progress: async (job: GenerationRow) => void shown.push(job.id) } as unknown as JobOutput;
    const mine = new Set([1]);
    const heartbeat = createHeartbeat(
      output,
      () => 0,
      (id) => mine.has(id),
    );
    heartbeat.watch({ id: 1 } as GenerationRow);
    heartbeat.watch({ id: 2 } as GenerationRow);
    vi.useFakeTimers();
    try {
      heartbeat.start();
      vi.advanceTimersByTime(CHAT_ACTION_MS);
      expect(shown).toEqual([1]);
    } finally {
      heartbeat.stop();
      vi.useRealTimers();
    }
  });
});
