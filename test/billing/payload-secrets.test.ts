import { afterEach, describe, expect, it } from "vitest";
import { payloadSecret, signPayload, verifyPayload } from "../../src/billing/invoice-payload.js";
import { loadPayloadSecrets } from "../../src/billing/payload-secrets.js";
import type { Storage } from "../../src/storage/database.js";
import { createSettingsRepository } from "../../src/storage/settings-repository.js";
import { testStorages } from "../support/storage.js";

const TOKEN = "123456:OLD-token";
const subject = { kind: "plan" as const, product: "pro", userId: 42 };

describe.each(testStorages())("invoice payload secrets on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function settings() {
    storage = await open();
    return createSettingsRepository(storage.db, () => 1);
  }

  it("without PAYLOAD_SECRET signs with a random secret generated once and kept, whatever the bot token", async () => {
    const repo = await settings();
    const [first, concurrent] = await Promise.all([
      loadPayloadSecrets(repo, { botToken: TOKEN }),
      loadPayloadSecrets(repo, { botToken: TOKEN }),
    ]);
    expect(first.sign.equals(concurrent.sign)).toBe(true);
    expect(first.sign.equals(payloadSecret(TOKEN))).toBe(false);
    const payload = signPayload(first.sign, subject);
    // The token leaked and was rotated: renewals signed before still verify.
    const rotated = await loadPayloadSecrets(repo, { botToken: "123456:NEW-token" });
    expect(rotated.sign.equals(first.sign)).toBe(true);
    expect(verifyPayload(rotated.verify, payload)).toEqual(subject);
  });

  it("still verifies payloads signed the old way, from BOT_TOKEN", async () => {
    const repo = await settings();
    const oldStyle = signPayload(payloadSecret(TOKEN), subject);
    const secrets = await loadPayloadSecrets(repo, { botToken: TOKEN });
    expect(verifyPayload(secrets.sign, oldStyle)).toBeUndefined();
    expect(verifyPayload(secrets.verify, oldStyle)).toEqual(subject);
    const configured = await loadPayloadSecrets(repo, { botToken: TOKEN, configured: "a-long-configured-secret" });
    expect(verifyPayload(configured.verify, oldStyle)).toEqual(subject);
  });

  it("with PAYLOAD_SECRET signs with it, and keeps verifying what the stored secret signed before", async () => {
    const repo = await settings();
    const generated = await loadPayloadSecrets(repo, { botToken: TOKEN });
    const before = signPayload(generated.sign, subject);
    const a = await loadPayloadSecrets(repo, { botToken: TOKEN, configured: "a-long-configured-secret" });
    const b = await loadPayloadSecrets(repo, { botToken: "9:other", configured: "a-long-configured-secret" });
    expect(a.sign.equals(b.sign)).toBe(true);
    expect(a.sign.equals(generated.sign)).toBe(false);
    expect(verifyPayload(a.verify, signPayload(a.sign, subject))).toEqual(subject);
    expect(verifyPayload(a.verify, before)).toEqual(subject);
    expect(verifyPayload(a.verify, signPayload(payloadSecret("9:forged"), subject))).toBeUndefined();
  });

  it("does not store a secret when PAYLOAD_SECRET is set", async () => {
    const repo = await settings();
    await loadPayloadSecrets(repo, { botToken: TOKEN, configured: "a-long-configured-secret" });
    expect(await repo.get("payload_secret")).toBeUndefined();
  });
});
