import { afterEach, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../../src/storage/database.js";
import { migrateToLatest } from "../../src/storage/migrate.js";

describe("the SQLite connection shared by Kysely and the ledger's direct statements", () => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = openStorage("sqlite::memory:");
    await migrateToLatest(storage.db as never, storage.dialect);
    const direct = storage.sqlite;
    if (!direct) throw new Error("no direct access on SQLite");
    const insert = direct.prepare("insert into settings (key, value, created_at) values (?, 'v', 0)");
    const keys = async () =>
      (await storage.db.selectFrom("settings").select("key").orderBy("key").execute()).map((r) => r.key);
    return { direct, insert, keys };
  }

  /** A Kysely transaction that holds the connection until `open` is resolved. */
  function holdConnection(order: string[]) {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    const done = storage.db.transaction().execute(async (trx) => {
      await trx.insertInto("settings").values({ key: "kysely", value: "v", created_at: 0 }).execute();
      started();
      await gate;
      order.push("kysely committed");
    });
    return { holding, release, done };
  }

  it("runs a direct transaction only after the Kysely transaction holding the connection ends", async () => {
    const { direct, insert, keys } = await setup();
    const order: string[] = [];
    const kysely = holdConnection(order);
    await kysely.holding;
    const directDone = direct.transaction(() => {
      order.push("direct ran");
      insert.run("direct");
    });
    // Both wait on each other only through the connection queue: the gate decides, not time.
    kysely.release();
    await Promise.all([kysely.done, directDone]);
    expect(order).toEqual(["kysely committed", "direct ran"]);
    expect(await keys()).toEqual(["direct", "kysely"]);
  });

  it("hands the connection out in the order it was asked for", async () => {
    const { direct, insert } = await setup();
    const order: string[] = [];
    const kysely = holdConnection(order);
    await kysely.holding;
    const waiting = ["a", "b", "c", "d"].map((name) =>
      name === "b"
        ? storage.db.transaction().execute(async () => void order.push(name))
        : direct.transaction(() => {
            order.push(name);
            insert.run(name);
          }),
    );
    kysely.release();
    await Promise.all([kysely.done, ...waiting]);
    expect(order).toEqual(["kysely committed", "a", "b", "c", "d"]);
  });

  it("rolls a direct transaction back when it throws, and refuses direct statements outside a transaction", async () => {
    const { direct, insert, keys } = await setup();
    await expect(
      direct.transaction(() => {
        insert.run("lost");
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await keys()).toEqual([]);
    expect(() => direct.within(storage.db, () => insert.run("outside"))).toThrow("not inside a transaction");
    expect(await keys()).toEqual([]);
  });
});
