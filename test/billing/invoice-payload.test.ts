import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_BYTES, payloadSecret, signPayload, verifyPayload } from "../../src/billing/invoice-payload.js";

const secret = payloadSecret("123456:TEST-token");

describe("invoice payloads", () => {
  it("round-trips the product and the buyer within Telegram's 128 bytes", () => {
    const payload = signPayload(secret, { kind: "pkg", product: "pro-pack", userId: 9_007_199_254_740_991 });
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(payload.startsWith("pkg:pro-pack:9007199254740991:")).toBe(true);
    expect(verifyPayload(secret, payload)).toEqual({ kind: "pkg", product: "pro-pack", userId: 9_007_199_254_740_991 });
    expect(verifyPayload(secret, signPayload(secret, { kind: "plan", product: "vip", userId: 42 }))).toEqual({
      kind: "plan",
      product: "vip",
      userId: 42,
    });
  });

  it("rejects a payload moved to another user, product or kind, or signed with another token", () => {
    const payload = signPayload(secret, { kind: "pkg", product: "start", userId: 42 });
    const mac = payload.split(":").at(-1);
    expect(verifyPayload(secret, `pkg:start:43:${mac}`)).toBeUndefined();
    expect(verifyPayload(secret, `pkg:ultra:42:${mac}`)).toBeUndefined();
    expect(verifyPayload(secret, `plan:start:42:${mac}`)).toBeUndefined();
    expect(verifyPayload(payloadSecret("123456:OTHER"), payload)).toBeUndefined();
    expect(verifyPayload(secret, `${payload}x`)).toBeUndefined();
    expect(verifyPayload(secret, "")).toBeUndefined();
    expect(verifyPayload(secret, "pkg:start:42")).toBeUndefined();
  });

  it("refuses to sign ids that would break the format", () => {
    expect(() => signPayload(secret, { kind: "pkg", product: "a:b", userId: 1 })).toThrow(RangeError);
    expect(() => signPayload(secret, { kind: "pkg", product: "start", userId: 0 })).toThrow(RangeError);
  });
});
