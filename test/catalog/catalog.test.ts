import { describe, expect, it } from "vitest";
import { createCatalog, parseRouteOverrides } from "../../src/catalog/catalog.js";
import { InvalidCatalog, InvalidRouteOverrides, UnknownModel } from "../../src/catalog/errors.js";
import { allModels } from "../../src/catalog/models/index.js";
import { plans } from "../../src/catalog/plans.js";
import { quotePrice } from "../../src/catalog/pricing.js";
import type { ModelSpec } from "../../src/catalog/types.js";

const catalog = createCatalog();

describe("finding models", () => {
  it("finds every model by its slug, with no implied parameters", () => {
    for (const model of allModels) expect(catalog.find(model.slug)).toEqual({ model, params: {} });
  });

  it.each([
    ["midjourney-v6", "midjourney", { version: "6" }],
    ["midjourney-turbo", "midjourney", { speed: "turbo" }],
    ["mj-video-480p", "midjourney-video", { resolution: "480p" }],
    ["mj-video-720p", "midjourney-video", { resolution: "720p" }],
    ["photon-1", "photon", {}],
    ["nano-banana-pro-2k", "nano-banana-pro", { resolution: "2K" }],
    ["kling-v2.1-pro", "kling-v2.1", { mode: "pro" }],
    ["luma-ray2-1080p", "luma-ray2", { resolution: "1080p" }],
  ] as const)("resolves the old slug %s to %s with %j", (alias, slug, params) => {
    const match = catalog.find(alias);
    expect(match?.model.slug).toBe(slug);
    expect(match?.params).toEqual(params);
    if (match) expect(() => quotePrice(match.model, match.params)).not.toThrow();
  });

  it("prices an alias with its implied parameters", () => {
    const match = catalog.find("mj-video-720p");
    if (!match) throw new Error("not found");
    expect(quotePrice(match.model, match.params).token_cost).toBe(160);
    const kling = catalog.find("kling-v2.1-pro");
    if (!kling) throw new Error("not found");
    expect(quotePrice(kling.model, kling.params).token_cost).toBe(47);
  });

  it("ignores case and surrounding spaces, and misses unknown names", () => {
    expect(catalog.find(" DALL-E-3 ")?.model.slug).toBe("dall-e-3");
    expect(catalog.find("dall-e-2")).toBeUndefined();
    expect(catalog.find("")).toBeUndefined();
  });

  it("get returns a model or throws UnknownModel", () => {
    expect(catalog.get("sora-2").slug).toBe("sora-2");
    expect(catalog.get("photon-1").slug).toBe("photon");
    expect(() => catalog.get("sora-1")).toThrow(UnknownModel);
  });

  it("lists models by kind in menu order", () => {
    expect(catalog.byKind("stt").map((m) => m.slug)).toEqual(["whisper", "gpt-4o-transcribe", "elevenlabs-scribe"]);
    expect(catalog.byKind("tool")).toHaveLength(7);
    expect(catalog.models).toHaveLength(52);
  });

  it("carries the plans and packages", () => {
    expect(catalog.plans.map((p) => p.id)).toEqual(["starter", "basic", "pro", "vip", "elite"]);
    expect(catalog.packages).toHaveLength(8);
  });
});

describe("isUnlocked", () => {
  it("lets Starter use only the 19 starter-tier models", () => {
    const unlocked = catalog.models.filter((m) => catalog.isUnlocked(m, plans.starter));
    expect(unlocked).toHaveLength(19);
    expect(catalog.isUnlocked(catalog.get("dall-e-3"), plans.starter)).toBe(true);
    expect(catalog.isUnlocked(catalog.get("gpt-5"), plans.starter)).toBe(false);
  });

  it.each(["basic", "pro", "vip", "elite"] as const)("lets %s use all 52", (plan) => {
    expect(catalog.models.every((m) => catalog.isUnlocked(m, plans[plan]))).toBe(true);
  });
});

describe("route overrides", () => {
  it("re-routes a model to another provider, dropping the old upstream's mappings", () => {
    const overrides = parseRouteOverrides(
      JSON.stringify({
        "dall-e-3": {
          provider: "replicate",
          upstream: "openai/gpt-image-1.5",
          operation: "prediction",
          input: { size: "aspect_ratio" },
        },
      }),
    );
    const rerouted = createCatalog(allModels, overrides);
    expect(rerouted.get("dall-e-3").route).toEqual({
      provider: "replicate",
      upstream: "openai/gpt-image-1.5",
      operation: "prediction",
      input: { size: "aspect_ratio" },
    });
    // The product keeps its parameters and price.
    expect(quotePrice(rerouted.get("dall-e-3"), { size: "1792x1024", quality: "hd" }).token_cost).toBe(13);
    expect(rerouted.get("gpt-5")).toBe(catalog.get("gpt-5"));
  });

  it("keeps the mappings when only the upstream changes", () => {
    const rerouted = catalog.withRoutes({ "dall-e-3": { upstream: "gpt-image-2.6-sunburst" } });
    expect(rerouted.get("dall-e-3").route).toMatchObject({
      provider: "openai",
      upstream: "gpt-image-2.6-sunburst",
      values: { quality: { standard: "medium", hd: "high" } },
    });
  });

  it("marks a model unavailable", () => {
    const overrides = parseRouteOverrides('{ "veo-3.1": { "unavailable": "Veo is down" } }');
    const marked = catalog.withRoutes(overrides);
    expect(marked.get("veo-3.1").route.unavailable).toBe("Veo is down");
    expect(marked.get("veo-3.1").route.upstream).toBe("google/veo-3.1");
    expect(catalog.get("veo-3.1").route.unavailable).toBeUndefined();
  });

  it("gives a model another deadline, leaving its route as it was", () => {
    const overrides = parseRouteOverrides('{ "luma-ray2-flash": { "deadlineSeconds": 5 } }');
    const changed = catalog.withRoutes(overrides).get("luma-ray2-flash");
    expect(changed.deadlineSeconds).toBe(5);
    expect(changed.route).toEqual(catalog.get("luma-ray2-flash").route);
    expect(() => parseRouteOverrides('{ "luma-ray2-flash": { "deadlineSeconds": 0 } }')).toThrow(InvalidRouteOverrides);
    expect(() => parseRouteOverrides('{ "luma-ray2-flash": { "deadlineSeconds": 1.5 } }')).toThrow(
      InvalidRouteOverrides,
    );
  });

  it("replaces earlier overrides instead of stacking on them", () => {
    const first = catalog.withRoutes({ "kling-v2.1": { unavailable: "gone" } });
    const second = first.withRoutes({ "veo-3.1": { unavailable: "gone" } });
    expect(second.get("kling-v2.1").route.unavailable).toBeUndefined();
    expect(second.get("veo-3.1").route.unavailable).toBe("gone");
  });

  it("applies overrides to models found by alias too", () => {
    const marked = catalog.withRoutes({ midjourney: { unavailable: "LegNext is down" } });
    expect(marked.find("midjourney-turbo")?.model.route.unavailable).toBe("LegNext is down");
  });

  it("rejects an override for a slug that names no model", () => {
    expect(() => catalog.withRoutes({ "dall-e-4": { upstream: "x" } })).toThrow(InvalidRouteOverrides);
  });

  it.each([
    ["not json", "{"],
    ["an unknown provider", '{ "gpt-5": { "provider": "openrouter" } }'],
    ["an unknown operation", '{ "gpt-5": { "operation": "complete" } }'],
    ["a misspelt field", '{ "gpt-5": { "upstrem": "gpt-5.1" } }'],
    ["an empty upstream", '{ "gpt-5": { "upstream": "" } }'],
    ["a non-scalar fixed value", '{ "gpt-5": { "fixed": { "a": [1] } } }'],
    ["an array", "[]"],
  ])("rejects a file with %s", (_what, json) => {
    expect(() => parseRouteOverrides(json)).toThrow(InvalidRouteOverrides);
  });

  it("names the field that is wrong", () => {
    try {
      parseRouteOverrides('{ "gpt-5": { "provider": "openrouter" } }');
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidRouteOverrides).issues[0]).toMatch(/^gpt-5\.provider: /);
    }
  });
});

describe("catalog validation", () => {
  const dalle = allModels.find((m) => m.slug === "dall-e-3") as ModelSpec;

  it("rejects a matrix missing a combination", () => {
    if (dalle.pricing.type !== "matrix") throw new Error("not a matrix");
    const { "1024x1792|hd": _dropped, ...table } = dalle.pricing.table;
    const broken: ModelSpec = { ...dalle, pricing: { ...dalle.pricing, table } };
    expect(() => createCatalog([broken])).toThrow(InvalidCatalog);
  });

  it("rejects a default that is not an option", () => {
    const broken: ModelSpec = {
      ...dalle,
      params: [{ name: "size", options: ["1024x1024"], default: "512x512" }, ...dalle.params.slice(1)],
    };
    expect(() => createCatalog([broken])).toThrow(InvalidCatalog);
  });

  it("rejects an alias that is another model's slug", () => {
    const broken: ModelSpec = { ...dalle, aliases: ["gpt-5"] };
    expect(() => createCatalog([broken, ...allModels.filter((m) => m.slug !== "dall-e-3")])).toThrow(InvalidCatalog);
  });

  it("rejects alias parameters the model does not take", () => {
    const broken: ModelSpec = { ...dalle, aliases: ["dalle-hd"], aliasParams: { "dalle-hd": { quality: "ultra" } } };
    expect(() => createCatalog([broken])).toThrow(InvalidCatalog);
  });
});
