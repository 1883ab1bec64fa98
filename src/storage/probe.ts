import type { Storage } from "./database.js";
import { sql } from "./kysely-runtime.js";

/** Whether the database answers a trivial query. */
export async function databaseAnswers(storage: Storage): Promise<void> {
  await sql`select 1`.execute(storage.db);
}
