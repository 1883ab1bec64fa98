import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyRow, ApiKeysRepository } from "../storage/api-keys-repository.js";

/** How many working keys one user may have. */
export const MAX_API_KEYS = 5;
const PREFIX = "nb_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Too many working keys: one must be revoked before another is made. */
export class TooManyApiKeys extends Error {
  override readonly name = "TooManyApiKeys";
  readonly i18nKey = "api-keys-too-many";
  constructor(readonly max: number) {
    super(`at most ${max} API keys`);
  }
}

/**
 * The developer API's keys: made in the bot (shown once, stored only as SHA-256), checked by the API.
 * Shared by both fronts, so it lives below them.
 */
export function createApiKeys(repo: ApiKeysRepository) {
  return {
    list: (userId: number) => repo.active(userId),

    /** Makes a key; the returned `key` is the only time its full text exists. Throws `TooManyApiKeys`. */
    async create(userId: number, label: string): Promise<{ key: string; row: ApiKeyRow }> {
      const key = `${PREFIX}${randomBytes(24).toString("base64url")}`;
      const row = await repo.insert({ userId, label, hash: hashApiKey(key), last4: key.slice(-4) }, MAX_API_KEYS);
      if (!row) throw new TooManyApiKeys(MAX_API_KEYS);
      return { key, row };
    },

    revoke: (userId: number, id: number) => repo.revoke(userId, id),

    /** The working key a request presents, or `undefined`. */
    async authenticate(key: string): Promise<ApiKeyRow | undefined> {
      if (!key.startsWith(PREFIX)) return undefined;
      const row = await repo.findActive(hashApiKey(key));
      if (row) await repo.touch(row.id);
      return row;
    },
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;
