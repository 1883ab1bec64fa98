import { createHmac, timingSafeEqual } from "node:crypto";

/** What an invoice sells and to whom; Telegram hands the payload back on pre-checkout, payment and subscription updates. */
export interface InvoiceSubject {
  kind: "pkg" | "plan";
  product: string;
  userId: number;
}

/** Telegram's limit on `payload`. */
export const MAX_PAYLOAD_BYTES = 128;

/**
 * The key payloads were first signed with, derived from the bot token. It now only verifies
 * payloads of invoices and subscriptions made before: a rotated token must not break their renewals.
 */
export function payloadSecret(botToken: string): Buffer {
  return createHmac("sha256", "stars-invoice-payload/v1").update(botToken).digest();
}

/** The signing key from `PAYLOAD_SECRET` or the random secret stored in the database. */
export function payloadSecretFrom(value: string): Buffer {
  return createHmac("sha256", "stars-invoice-payload/v2").update(value).digest();
}

function signature(secret: Buffer, body: string): string {
  // 128 bits of HMAC-SHA256 are plenty against forgery and keep the payload short.
  return createHmac("sha256", secret).update(body).digest().subarray(0, 16).toString("base64url");
}

/** `pkg:<id>:<userId>:<mac>`: names the product and the buyer, and can't be altered without the secret. */
export function signPayload(secret: Buffer, subject: InvoiceSubject): string {
  if (!/^[a-z0-9-]+$/.test(subject.product)) throw new RangeError(`bad product id ${subject.product}`);
  if (!Number.isSafeInteger(subject.userId) || subject.userId <= 0)
    throw new RangeError(`bad user id ${subject.userId}`);
  const body = `${subject.kind}:${subject.product}:${subject.userId}`;
  const payload = `${body}:${signature(secret, body)}`;
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new RangeError(`payload over ${MAX_PAYLOAD_BYTES} bytes`);
  return payload;
}

/**
 * The subject of a payload this bot signed with any of `secrets` (the current key first, then keys
 * payloads were signed with before), or `undefined` for anything forged, altered or foreign.
 */
export function verifyPayload(secrets: Buffer | readonly Buffer[], payload: string): InvoiceSubject | undefined {
  const match = /^(pkg|plan):([a-z0-9-]+):(\d{1,16}):([A-Za-z0-9_-]{22})$/.exec(payload);
  if (!match) return undefined;
  const [, kind, product = "", user = "", mac = ""] = match;
  const given = Buffer.from(mac);
  const signedBy = (secret: Buffer) => {
    const expected = Buffer.from(signature(secret, `${kind}:${product}:${user}`));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!(Buffer.isBuffer(secrets) ? [secrets] : secrets).some(signedBy)) return undefined;
  const userId = Number(user);
  if (!Number.isSafeInteger(userId)) return undefined;
  return { kind: kind as InvoiceSubject["kind"], product, userId };
}
