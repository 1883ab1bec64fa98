import type { Kysely, Selectable } from "kysely";
import type { ApiFilesTable, Database } from "./schema.js";

export type ApiFileRow = Selectable<ApiFilesTable>;
export type ApiFileInfo = Omit<ApiFileRow, "data">;

/** Stored results of API jobs, each under its own unguessable token. */
export function createApiFilesRepository(db: Kysely<Database>) {
  return {
    /** Stores a job's files once: a repeated delivery (after a restart) keeps the first set. */
    async putAll(generationId: number, files: Omit<ApiFileRow, "generation_id">[]) {
      await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("api_files")
          .select("token")
          .where("generation_id", "=", generationId)
          .executeTakeFirst();
        if (existing || files.length === 0) return;
        await trx
          .insertInto("api_files")
          .values(files.map((f) => ({ ...f, generation_id: generationId })))
          .execute();
      });
    },

    /** A file that has not expired yet. */
    get: (token: string, at: number) =>
      db.selectFrom("api_files").selectAll().where("token", "=", token).where("expires_at", ">", at).executeTakeFirst(),

    /** A job's files (without their bytes), in output order. */
    list: (generationId: number): Promise<ApiFileInfo[]> =>
      db
        .selectFrom("api_files")
        .select(["token", "generation_id", "position", "mime", "filename", "expires_at", "created_at"])
        .where("generation_id", "=", generationId)
        .orderBy("position")
        .execute(),

    async deleteExpired(at: number): Promise<number> {
      const result = await db.deleteFrom("api_files").where("expires_at", "<=", at).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ApiFilesRepository = ReturnType<typeof createApiFilesRepository>;
