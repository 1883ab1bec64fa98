import type { Kysely, Selectable } from "kysely";
import { PostgresAdapter } from "./kysely-runtime.js";
import type { Database, GenerationsTable } from "./schema.js";

/** States whose job still has steps to run (the same list as the repository's `IN_FLIGHT`). */
const LIVE = ["held", "submitted", "polling", "delivering", "delivered", "failed"] as const;

/**
 * Leases on generation jobs. An instance runs a job's step only while it holds the job's lease;
 * every claim is one conditional UPDATE, so two instances never both get one. A lease that ran out
 * (its instance crashed or stalled) may be taken by anyone.
 */
export function createJobLeases(db: Kysely<Database>, now: () => number) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  /**
   * Takes the lease of a job in flight that nobody else holds live; answers the job's row as the
   * claim left it (its step needs it: no second read), or undefined when another holds the lease.
   */
  function claimRow(id: number, owner: string, ms: number): Promise<Selectable<GenerationsTable> | undefined> {
    const at = now();
    return db
      .updateTable("generations")
      .set({ lease_owner: owner, lease_until: at + ms })
      .where("id", "=", id)
      .where("status", "in", LIVE)
      .where((eb) => eb.or([eb("lease_owner", "is", null), eb("lease_owner", "=", owner), eb("lease_until", "<=", at)]))
      .returningAll()
      .executeTakeFirst();
  }

  return {
    claimRow,

    /** `claimRow`, answering only whether this instance now holds the lease. */
    async claim(id: number, owner: string, ms: number): Promise<boolean> {
      return (await claimRow(id, owner, ms)) !== undefined;
    },

    /**
     * Extends the leases this instance holds on `ids`; answers the ids still held and in flight.
     * One missing from the answer was lost (taken over, or the job ended elsewhere).
     */
    async renew(ids: readonly number[], owner: string, ms: number): Promise<Set<number>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .updateTable("generations")
        .set({ lease_until: now() + ms })
        .where("id", "in", ids)
        .where("lease_owner", "=", owner)
        .where("status", "in", LIVE)
        .returning("id")
        .execute();
      return new Set(rows.map((row) => row.id));
    },

    /** Lets go of jobs (the instance stops): they are free for another at once, not after the lease runs out. */
    async release(ids: readonly number[], owner: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable("generations")
        .set({ lease_until: now() })
        .where("id", "in", ids)
        .where("lease_owner", "=", owner)
        .execute();
    },

    /**
     * The poller's batch: polls that are due (free, expired, or already this instance's) and jobs in
     * any other live state whose holder's lease ran out (a crashed instance's), claimed in one
     * statement. On PostgreSQL the candidate rows are locked with SKIP LOCKED, so pollers of several
     * instances take disjoint batches instead of queueing on each other.
     */
    async claimDue(owner: string, ms: number, limit = 20): Promise<number[]> {
      const at = now();
      const candidates = db
        .selectFrom("generations")
        .select("id")
        .where((eb) =>
          eb.or([
            eb.and([
              eb("status", "=", "polling"),
              eb("next_poll_at", "<=", at),
              eb.or([eb("lease_owner", "is", null), eb("lease_owner", "=", owner), eb("lease_until", "<=", at)]),
            ]),
            eb.and([
              eb("status", "in", LIVE),
              eb("status", "!=", "polling"),
              eb("lease_owner", "is not", null),
              eb("lease_owner", "!=", owner),
              eb("lease_until", "<=", at),
            ]),
          ]),
        )
        .orderBy("id")
        .limit(limit);
      const locked = postgres ? candidates.forUpdate().skipLocked() : candidates;
      const rows = await db
        .updateTable("generations")
        .set({ lease_owner: owner, lease_until: at + ms })
        .where("id", "in", locked)
        .returning("id")
        .execute();
      return rows.map((row) => row.id).sort((a, b) => a - b);
    },

    /** Jobs in flight that no other instance holds live: what a starting instance resumes. */
    unleased: (owner: string) =>
      db
        .selectFrom("generations")
        .select("id")
        .where("status", "in", LIVE)
        .where((eb) =>
          eb.or([eb("lease_owner", "is", null), eb("lease_owner", "=", owner), eb("lease_until", "<=", now())]),
        )
        .orderBy("id")
        .execute()
        .then((rows) => rows.map((row) => row.id)),

    /** Counts a send upstream; answers how many there were, this one included. */
    async countSubmit(id: number): Promise<number> {
      const row = await db
        .updateTable("generations")
        .set((eb) => ({ submit_attempts: eb("submit_attempts", "+", 1) }))
        .where("id", "=", id)
        .returning("submit_attempts")
        .executeTakeFirst();
      return row?.submit_attempts ?? 0;
    },
  };
}

export type JobLeases = ReturnType<typeof createJobLeases>;
