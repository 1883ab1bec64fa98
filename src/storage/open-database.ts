import { oneLine, StartupError, withDeadline } from "../startup.js";
import { openStorage, type Storage } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import { databaseAnswers } from "./probe.js";

/**
 * Opens `DATABASE_URL`, checks that it answers within the start-up deadline, and migrates it. A
 * database that cannot be opened or reached is one line naming the variable (never the URL, which
 * may hold a password).
 */
export async function openDatabase(config: {
  databaseUrl: string;
  startupTimeoutMs: number;
}): Promise<{ storage: Storage; applied: string[] }> {
  const fail = (why: string) => new StartupError(`Start-up error: DATABASE_URL ${why}`);
  let storage: Storage;
  try {
    storage = openStorage(config.databaseUrl);
  } catch (error) {
    throw fail(`cannot be opened (${oneLine(error)})`);
  }
  const seconds = Math.round(config.startupTimeoutMs / 1000);
  try {
    await withDeadline(databaseAnswers(storage), config.startupTimeoutMs, () =>
      fail(`did not answer within ${seconds} s`),
    );
  } catch (error) {
    void storage.close().catch(() => undefined);
    throw error instanceof StartupError ? error : fail(`does not answer (${oneLine(error)})`);
  }
  // A failing migration is a bug, not a setting: it keeps its stack trace.
  const applied = await migrateToLatest(storage.db as never, storage.dialect);
  return { storage, applied };
}
