import { afterEach, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../../src/storage/database.js";
import { createLedgerHistoryRepository } from "../../src/storage/ledger-history-repository.js";
import { migrateToLatest } from "../../src/storage/migrate.js";
import { up } from "../../src/storage/migrations/005-starter-tokens-never-expire.js";
import { testStorages } from "../support/storage.js";

type Entry = [kind: string, sub: number, pkg: number];

describe.each(testStorages())("migration 005: Starter tokens never expire, on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  /** A user as the old code left them: the welcome grant in the subscription bucket. */
  async function oldUser(id: number, plan: string, buckets: { sub: number; pkg: number }, entries: Entry[]) {
    await storage.db
      .insertInto("users")
      .values({
        id,
        chat_id: id,
        first_name: `U${id}`,
        locale: "en",
        plan,
        created_at: 1,
        sub_tokens: buckets.sub,
        pkg_tokens: buckets.pkg,
      })
      .execute();
    for (const [i, [kind, sub, pkg]] of entries.entries()) {
      await storage.db
        .insertInto("ledger_entries")
        .values({
          user_id: id,
          kind,
          sub_delta: sub,
          pkg_delta: pkg,
          amount: Math.abs(sub + pkg),
          idempotency_key: `${kind}:${id}:${i}`,
          hold_key: null,
          source: null,
          created_at: 1,
        })
        .execute();
    }
  }

  const balance = async (id: number) => {
    const row = await storage.db
      .selectFrom("users")
      .select(["sub_tokens", "pkg_tokens"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { sub: row.sub_tokens, pkg: row.pkg_tokens };
  };

  it("moves a Starter user's welcome tokens to the package bucket and gives back those a first plan erased", async () => {
    storage = await open();
    // Never paid, spent 3: 47 left in the subscription bucket.
    await oldUser(1, "starter", { sub: 47, pkg: 0 }, [
      ["welcome", 50, 0],
      ["hold", -3, 0],
      ["capture", 0, 0],
    ]);
    // Spent 3, then subscribed: the cycle set 300 and erased the 47; a package bought later.
    await oldUser(2, "basic", { sub: 300, pkg: 100 }, [
      ["welcome", 50, 0],
      ["hold", -3, 0],
      ["cycle", 253, 0],
      ["purchase", 0, 100],
    ]);
    // Subscribed with all 50 left, then the plan lapsed: everything in the subscription bucket expired.
    await oldUser(3, "starter", { sub: 0, pkg: 0 }, [
      ["welcome", 50, 0],
      ["cycle", 250, 0],
      ["expiry", -300, 0],
    ]);
    // Spent everything before subscribing: nothing to give back.
    await oldUser(4, "pro", { sub: 700, pkg: 0 }, [
      ["welcome", 50, 0],
      ["hold", -50, 0],
      ["cycle", 700, 0],
    ]);
    // Already on the new rules.
    await oldUser(5, "starter", { sub: 0, pkg: 50 }, [["welcome", 0, 50]]);

    await up(storage.db as never);
    expect(await balance(1)).toEqual({ sub: 0, pkg: 47 });
    expect(await balance(2)).toEqual({ sub: 300, pkg: 147 });
    expect(await balance(3)).toEqual({ sub: 0, pkg: 50 });
    expect(await balance(4)).toEqual({ sub: 700, pkg: 0 });
    expect(await balance(5)).toEqual({ sub: 0, pkg: 50 });

    // Each change is explained by a ledger entry, and the cached buckets equal the entries' sums.
    for (const id of [1, 2, 3, 4, 5]) {
      const sums = await storage.db
        .selectFrom("ledger_entries")
        .select((eb) => [eb.fn.sum<string>("sub_delta").as("sub"), eb.fn.sum<string>("pkg_delta").as("pkg")])
        .where("user_id", "=", id)
        .executeTakeFirstOrThrow();
      expect({ sub: Number(sums.sub), pkg: Number(sums.pkg) }).toEqual(await balance(id));
    }
    // A move between buckets is not a line in the user's history; a restored grant is.
    const history = createLedgerHistoryRepository(storage.db);
    expect((await history.page(1, 10)).map((h) => h.kind)).not.toContain("transfer");
    expect((await history.page(2, 10))[0]).toMatchObject({ kind: "welcome", delta: 47 });

    // Running it again changes nothing.
    await up(storage.db as never);
    expect(await balance(1)).toEqual({ sub: 0, pkg: 47 });
    expect(await balance(2)).toEqual({ sub: 300, pkg: 147 });
  });
});

describe("migration 005 is registered", () => {
  it("runs on a fresh database", async () => {
    const storage = openStorage("sqlite::memory:");
    try {
      expect(await migrateToLatest(storage.db as never, storage.dialect)).toContain("005-starter-tokens-never-expire");
    } finally {
      await storage.close();
    }
  });
});
