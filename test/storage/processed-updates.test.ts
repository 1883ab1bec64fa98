import { afterEach, describe, expect, it } from "vitest";
import type { Storage } from "../../src/storage/database.js";
import {
  createProcessedUpdatesRepository,
  PROCESSED_UPDATES_KEPT_MS,
} from "../../src/storage/processed-updates-repository.js";
import { testStorages } from "../support/storage.js";

describe.each(testStorages())("processed updates on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  it("lets exactly one of two instances racing on an update id handle it", async () => {
    storage = await open();
    const at = Date.now();
    const a = createProcessedUpdatesRepository(storage.db, () => at);
    const b = createProcessedUpdatesRepository(storage.db, () => at);
    const answers = await Promise.all([a.firstDelivery(7), b.firstDelivery(7), a.firstDelivery(7), b.firstDelivery(8)]);
    expect(answers.slice(0, 3).filter(Boolean)).toHaveLength(1);
    expect(answers[3]).toBe(true);
  });

  it("forgets ids after a day", async () => {
    storage = await open();
    let at = Date.now();
    const repo = createProcessedUpdatesRepository(storage.db, () => at);
    expect(await repo.firstDelivery(9)).toBe(true);
    at += PROCESSED_UPDATES_KEPT_MS + 60 * 60 * 1000 + 1;
    const ids = await storage.db.selectFrom("processed_updates").select("update_id").execute();
    expect(ids.map((row) => row.update_id)).toEqual([9]);
    expect(await repo.firstDelivery(10)).toBe(true);
    const left = await storage.db.selectFrom("processed_updates").select("update_id").execute();
    expect(left.map((row) => row.update_id)).toEqual([10]);
  });
});
