import { createRequire } from "node:module";
import type * as K from "kysely";

/**
 * Kysely's CommonJS build, the only one the bot loads. Its ES module build is some 260 small
 * modules, and a bot idling with them holds about 8 MB more memory than with the CommonJS build
 * (the same code). Every runtime import of Kysely goes through here, so one copy is ever loaded
 * and `instanceof` checks see the same classes; types still come from `kysely` itself.
 */
const kysely = createRequire(import.meta.url)("kysely") as typeof K;

export const { CompiledQuery, PostgresAdapter, PostgresDialect, SqliteDialect, sql } = kysely;
// Classes also named as types where they are used.
export const Kysely = kysely.Kysely;
export type Kysely<DB> = K.Kysely<DB>;
export const Migrator = kysely.Migrator;
export type Migrator = K.Migrator;
