import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createApiKeys, hashApiKey, MAX_API_KEYS, TooManyApiKeys } from "../../src/billing/api-keys.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createManualClock } from "../../src/clock.js";
import { createApiFilesRepository } from "../../src/storage/api-files-repository.js";
import { createApiKeysRepository } from "../../src/storage/api-keys-repository.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository } from "../../src/storage/generations-repository.js";
import { createLedgerHistoryRepository } from "../../src/storage/ledger-history-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

describe.each(testStorages())("developer API storage on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock();
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: 1, chatId: 1, firstName: "A", locale: "en" });
    await accounts.open({ id: 2, chatId: 2, firstName: "B", locale: "en" });
    const now = () => clock.now().getTime();
    return { clock, ledger, keys: createApiKeys(createApiKeysRepository(storage.db, now)), now };
  }

  it("stores only a key's SHA-256, allows five working keys per user, and forgets revoked ones", async () => {
    const { keys } = await setup();
    const made = [];
    for (let i = 0; i < MAX_API_KEYS; i++) made.push(await keys.create(1, `k${i}`));
    await expect(keys.create(1, "one too many")).rejects.toBeInstanceOf(TooManyApiKeys);
    // Another user's limit is their own.
    await keys.create(2, "b");

    const first = made[0];
    if (!first) throw new Error("no key");
    expect(first.key).toMatch(/^nb_/);
    expect(first.row.hash).toBe(hashApiKey(first.key));
    expect(first.row.last4).toBe(first.key.slice(-4));
    const stored = await storage.db.selectFrom("api_keys").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(first.key);

    expect((await keys.authenticate(first.key))?.user_id).toBe(1);
    expect(await keys.authenticate("nb_wrong")).toBeUndefined();
    expect(await keys.revoke(2, first.row.id)).toBe(false);
    expect(await keys.revoke(1, first.row.id)).toBe(true);
    expect(await keys.authenticate(first.key)).toBeUndefined();
    expect((await keys.list(1)).map((k) => k.label)).toEqual(["k1", "k2", "k3", "k4"]);
    await keys.create(1, "room again");
  });

  it("keeps result files until they expire, once per job", async () => {
    const { clock, now } = await setup();
    const files = createApiFilesRepository(storage.db);
    const file = {
      token: "t".repeat(43),
      position: 0,
      mime: "image/png",
      filename: "a.png",
      data: Buffer.from([1, 2, 3]),
      expires_at: now() + 1000,
      created_at: now(),
    };
    await files.putAll(5, [file]);
    await files.putAll(5, [{ ...file, token: "u".repeat(43) }]);
    expect((await files.list(5)).map((f) => f.token)).toEqual([file.token]);
    expect(Buffer.from((await files.get(file.token, now()))?.data ?? []).equals(file.data)).toBe(true);
    clock.advance(1000);
    expect(await files.get(file.token, now())).toBeUndefined();
    expect(await files.deleteExpired(now())).toBe(1);
  });

  it("marks a generation started from the API in the ledger history", async () => {
    const { ledger, now } = await setup();
    const repo = createGenerationsRepository(storage.db, now);
    const { job } = await repo.create({
      userId: 1,
      chatId: 1,
      model: "gpt-5-nano",
      kind: "text",
      params: {},
      prompt: "hi",
      inputs: null,
      price: 1,
      deadlineAt: now() + 1000,
      origin: "api",
      idempotencyKey: "chat:x",
    });
    await ledger.hold({ userId: 1, amount: 1, key: `gen:${job.id}`, model: "gpt-5-nano", plan: testPlans.starter });
    const items = await createLedgerHistoryRepository(storage.db).page(1, 10);
    expect(items.map((i) => [i.kind, i.origin])).toEqual([
      ["hold", "api"],
      ["welcome", null],
    ]);
    // One job per client key and user.
    await expect(repo.create({ ...toNew(job), idempotencyKey: "chat:x" })).rejects.toThrow();
    expect((await repo.byIdempotencyKey(1, "chat:x"))?.id).toBe(job.id);
  });
});

function toNew(job: { user_id: number; chat_id: number; model: string; kind: string; price: number }) {
  return {
    userId: job.user_id,
    chatId: job.chat_id,
    model: job.model,
    kind: job.kind,
    params: {},
    prompt: null,
    inputs: null,
    price: job.price,
    deadlineAt: 0,
  };
}
