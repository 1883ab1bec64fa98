import { randomBytes } from "node:crypto";
import type { SettingsRepository } from "../storage/settings-repository.js";
import { payloadSecret, payloadSecretFrom } from "./invoice-payload.js";

const STORED_KEY = "payload_secret";

/** The key that signs new invoice payloads, and every key a payload this bot made may carry. */
export interface PayloadSecrets {
  sign: Buffer;
  verify: Buffer[];
}

/**
 * `PAYLOAD_SECRET` when set, otherwise a random secret generated once and kept in the database, so
 * that rotating `BOT_TOKEN` changes nothing. Payloads signed before keep verifying: the stored
 * secret's (if `PAYLOAD_SECRET` was set later) and the old BOT_TOKEN-derived key's.
 */
export async function loadPayloadSecrets(
  settings: SettingsRepository,
  options: { configured?: string; botToken: string },
): Promise<PayloadSecrets> {
  const stored = options.configured
    ? await settings.get(STORED_KEY)
    : await settings.getOrCreate(STORED_KEY, () => randomBytes(32).toString("base64url"));
  const sign = payloadSecretFrom(options.configured ?? stored ?? "");
  const verify = [sign];
  if (stored !== undefined && options.configured !== undefined) verify.push(payloadSecretFrom(stored));
  verify.push(payloadSecret(options.botToken));
  return { sign, verify };
}
