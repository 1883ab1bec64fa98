import { afterEach, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { createManualClock } from "../../src/clock.js";
import { createModelHealth } from "../../src/generation/model-health.js";
import { createLogger } from "../../src/logger.js";
import type { Storage } from "../../src/storage/database.js";
import { createModelHealthRepository } from "../../src/storage/model-health-repository.js";
import { testStorages } from "../support/storage.js";

const silent = createLogger("silent");

describe.each(testStorages())("model health stored on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  it("saves and updates rows by slug", async () => {
    storage = await open();
    const repo = createModelHealthRepository(storage.db);
    await repo.save([{ slug: "gpt-5-nano", upstream: "gpt-5-nano", available: false, checkedAt: 1_700_000_000_000 }]);
    await repo.save([
      { slug: "gpt-5-nano", upstream: "gpt-5.1-nano", available: true, checkedAt: 1_800_000_000_000 },
      { slug: "gpt-5", upstream: "gpt-5", available: true, checkedAt: null },
    ]);
    expect((await repo.all()).sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: "gpt-5", upstream: "gpt-5", available: true, checkedAt: null },
      { slug: "gpt-5-nano", upstream: "gpt-5.1-nano", available: true, checkedAt: 1_800_000_000_000 },
    ]);
  });

  it("a restart remembers an unavailable product: no second notice, and its return is announced", async () => {
    storage = await open();
    const store = createModelHealthRepository(storage.db);
    const catalog = createCatalog();
    let served: string[] = [];
    const listings = {
      openai: {
        covers: () => true,
        listed: async (ids: readonly string[]) => new Set(ids.filter((id) => served.includes(id))),
      },
    };
    const notices: string[] = [];
    const boot = () =>
      createModelHealth({
        catalog,
        listings,
        clock: createManualClock(),
        logger: silent,
        store,
        onChange: async (changes) =>
          void notices.push(...changes.map((c) => `${c.model.slug}:${c.available ? "up" : "down"}`)),
      });

    const first = boot();
    await first.start(60_000);
    await first.stop();
    expect(notices).toContain("gpt-5-nano:down");
    const count = notices.length;

    const second = boot();
    await second.start(60_000);
    expect(second.isAvailable("gpt-5-nano")).toBe(false);
    expect(notices).toHaveLength(count);
    await second.stop();

    served = catalog.models.map((m) => m.route.upstream);
    const third = boot();
    await third.start(60_000);
    await third.stop();
    expect(third.isAvailable("gpt-5-nano")).toBe(true);
    expect(notices.slice(count)).toContain("gpt-5-nano:up");
  });
});
