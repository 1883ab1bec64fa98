import { describe, expect, it, vi } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import type { ProviderRoute } from "../../src/catalog/types.js";
import { createManualClock } from "../../src/clock.js";
import { createModelHealth, type HealthChange, routedCatalog } from "../../src/generation/model-health.js";
import { createLogger } from "../../src/logger.js";
import { ProviderError } from "../../src/providers/errors.js";
import type { ModelListing } from "../../src/providers/model-listings.js";

const NANO = createCatalog().get("gpt-5-nano").route.upstream;
const GPT5 = createCatalog().get("gpt-5").route.upstream;

/** A listing the test steers: the ids it serves now, or a failure. */
function scriptedListing(ids: string[]) {
  let served = new Set(ids);
  let failure: Error | undefined;
  const asked: string[][] = [];
  const listing: ModelListing = {
    covers: (route: ProviderRoute) => route.operation !== "music",
    async listed(upstreams) {
      asked.push([...upstreams]);
      if (failure) throw failure;
      return new Set(upstreams.filter((id) => served.has(id)));
    },
  };
  return {
    listing,
    asked,
    serve: (next: string[]) => {
      served = new Set(next);
      failure = undefined;
    },
    fail: (error: Error) => {
      failure = error;
    },
  };
}

function setup(overrides = {}) {
  const catalog = createCatalog(undefined, overrides);
  const clock = createManualClock(new Date("2026-12-02T10:00:00Z"));
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger("info", [], { write: (line: string) => void logs.push(JSON.parse(line)) } as never);
  const openai = scriptedListing(
    catalog.models.filter((m) => m.route.provider === "openai").map((m) => m.route.upstream),
  );
  const notices: HealthChange[][] = [];
  const health = createModelHealth({
    catalog,
    listings: { openai: openai.listing },
    clock,
    logger,
    onChange: async (changes) => void notices.push(changes),
  });
  return { catalog, clock, logs, openai, notices, health };
}

describe("model health", () => {
  it("everything stays available while every upstream is listed; nothing is announced", async () => {
    const { health, notices, openai } = setup();
    await health.check();
    expect(health.isAvailable("gpt-5-nano")).toBe(true);
    expect(health.state("gpt-5-nano").checkedAt).toBe(Date.parse("2026-12-02T10:00:00Z"));
    // Products of providers without a listing are never checked.
    expect(health.state("claude-haiku-4.5").checkedAt).toBeNull();
    expect(openai.asked[0]).toContain(NANO);
    expect(notices).toEqual([]);
  });

  it("a missing upstream makes the product unavailable, once; the first listing that has it brings it back", async () => {
    const { health, notices, openai, clock } = setup();
    openai.serve([]);
    await health.check();
    expect(health.isAvailable("gpt-5-nano")).toBe(false);
    const gone = notices[0]?.find((c) => c.model.slug === "gpt-5-nano");
    expect(gone).toMatchObject({ upstream: NANO, available: false });

    // Still missing: no second notice.
    await health.check();
    expect(notices).toHaveLength(1);

    clock.advance(6 * 3600 * 1000);
    openai.serve([NANO]);
    await health.check();
    expect(health.isAvailable("gpt-5-nano")).toBe(true);
    expect(health.state("gpt-5-nano").checkedAt).toBe(Date.parse("2026-12-02T16:00:00Z"));
    expect(notices[1]?.map((c) => [c.model.slug, c.available])).toContainEqual(["gpt-5-nano", true]);
  });

  it("the first listed fallback serves the product and requests name it", async () => {
    const { health, notices, openai, catalog } = setup({
      "gpt-5-nano": { fallbacks: ["gpt-5.1-nano", "gpt-5.2-nano"] },
    } as never);
    openai.serve(["gpt-5.2-nano", "gpt-5.1-nano"]);
    await health.check();
    expect(health.state("gpt-5-nano")).toMatchObject({ upstream: "gpt-5.1-nano", available: true });
    expect(notices[0]?.find((c) => c.model.slug === "gpt-5-nano")).toMatchObject({
      upstream: "gpt-5.1-nano",
      available: true,
      previousUpstream: NANO,
    });
    const routed = routedCatalog(catalog, health);
    expect(routed.get("gpt-5-nano").route.upstream).toBe("gpt-5.1-nano");
    expect(routed.find("gpt-5-nano")?.model.route.upstream).toBe("gpt-5.1-nano");
    expect(routed.byKind("text").find((m) => m.slug === "gpt-5-nano")?.route.upstream).toBe("gpt-5.1-nano");
    // The catalog itself is untouched: the route is data, the health check only picks among its ids.
    expect(catalog.get("gpt-5-nano").route.upstream).toBe(NANO);
  });

  it("a failed check changes nothing and is logged", async () => {
    const { health, notices, openai, logs } = setup();
    openai.serve([]);
    await health.check();
    const checkedAt = health.state("gpt-5-nano").checkedAt;
    openai.fail(new ProviderError("openai", "unavailable", "GET /models → 500"));
    await health.check();
    expect(health.isAvailable("gpt-5-nano")).toBe(false);
    expect(health.state("gpt-5-nano").checkedAt).toBe(checkedAt);
    expect(notices).toHaveLength(1);
    expect(logs.some((l) => l.msg === "model listing failed: availability unchanged" && l.provider === "openai")).toBe(
      true,
    );
  });

  it("a route the operator marked unavailable, or one the listing does not speak for, is never checked", async () => {
    const { health, openai } = setup({ "gpt-5": { unavailable: "retired" } });
    openai.serve([]);
    await health.check();
    expect(openai.asked[0]).not.toContain(GPT5);
    expect(health.state("gpt-5").checkedAt).toBeNull();
  });

  it("start checks at once; after stop, no check changes anything", async () => {
    const { health, openai } = setup();
    openai.serve([]);
    await health.start(60_000);
    expect(openai.asked).toHaveLength(1);
    expect(health.isAvailable("gpt-5-nano")).toBe(false);
    await health.stop();
    openai.serve([NANO]);
    await health.check();
    // After stop, a check's results are dropped: the process is going away.
    expect(health.isAvailable("gpt-5-nano")).toBe(false);
  });
});

describe("model health schedule", () => {
  it("checks again every interval until stopped", async () => {
    vi.useFakeTimers();
    try {
      const { health, openai } = setup();
      await health.start(6 * 3600 * 1000);
      expect(openai.asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(6 * 3600 * 1000);
      expect(openai.asked).toHaveLength(2);
      openai.serve([]);
      await vi.advanceTimersByTimeAsync(6 * 3600 * 1000);
      // Unavailable without a restart.
      expect(health.isAvailable("gpt-5-nano")).toBe(false);
      await health.stop();
      await vi.advanceTimersByTimeAsync(24 * 3600 * 1000);
      expect(openai.asked).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a provider that hangs does not hold the start; stop abandons its check", async () => {
    const catalog = createCatalog();
    let aborted = false;
    const hanging: ModelListing = {
      covers: () => true,
      listed: (_ids, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          }),
        ),
    };
    const health = createModelHealth({
      catalog,
      listings: { openai: hanging },
      clock: createManualClock(),
      logger: createLogger("silent"),
    });
    await health.start(60_000, 10);
    expect(health.isAvailable("gpt-5-nano")).toBe(true);
    await health.stop();
    expect(aborted).toBe(true);
  });
});
