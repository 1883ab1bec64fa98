import { openStorage } from "../../src/storage/database.js";

/** Jobs that still move: the engine owes them a result or a release. */
export const UNSETTLED = ["held", "submitted", "polling", "delivering", "delivered"];

/** Money moved by holds; everything else in the ledger brings tokens in (or expires them). */
const HOLD_KINDS = ["hold", "release", "capture"];

export interface UserAudit {
  userId: number;
  balance: number;
  /** The sum of every ledger entry: must equal the balance. */
  ledgerSum: number;
  /** Tokens in, from entries that are not about holds. */
  credits: number;
  capturedJobs: { id: number; kind: string; price: number; prompt: string | null }[];
  capturedHolds: number;
  openHolds: string[];
  unsettledJobs: { id: number; status: string }[];
}

/** Reads the bot's own database: balances, ledger sums, holds and jobs of the given users. */
export async function auditLedger(databaseUrl: string, userIds: number[]): Promise<UserAudit[]> {
  const storage = openStorage(databaseUrl);
  try {
    const { db } = storage;
    const audits: UserAudit[] = [];
    for (const userId of userIds) {
      const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
      const entries = await db.selectFrom("ledger_entries").selectAll().where("user_id", "=", userId).execute();
      const holds = await db.selectFrom("holds").selectAll().where("user_id", "=", userId).execute();
      const jobs = await db.selectFrom("generations").selectAll().where("user_id", "=", userId).execute();
      const delta = (e: (typeof entries)[number]) => Number(e.sub_delta) + Number(e.pkg_delta);
      audits.push({
        userId,
        balance: Number(user.sub_tokens) + Number(user.pkg_tokens),
        ledgerSum: entries.reduce((sum, e) => sum + delta(e), 0),
        credits: entries.filter((e) => !HOLD_KINDS.includes(e.kind)).reduce((sum, e) => sum + delta(e), 0),
        capturedJobs: jobs
          .filter((j) => j.status === "captured")
          .map((j) => ({ id: j.id, kind: j.kind, price: Number(j.price), prompt: j.prompt })),
        capturedHolds: holds.filter((h) => h.status === "captured").reduce((sum, h) => sum + Number(h.amount), 0),
        openHolds: holds.filter((h) => h.status === "held").map((h) => h.key),
        unsettledJobs: jobs.filter((j) => UNSETTLED.includes(j.status)).map((j) => ({ id: j.id, status: j.status })),
      });
    }
    return audits;
  } finally {
    await storage.close();
  }
}
