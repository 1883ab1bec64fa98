import { describe, expect, it } from "vitest";
import { InvalidParams } from "../../src/catalog/errors.js";
import { allModels } from "../../src/catalog/models/index.js";
import { combinations, priceRange, quotePrice, resolveParams } from "../../src/catalog/pricing.js";
import type { ModelSpec } from "../../src/catalog/types.js";
import { priceListEntries } from "./price-list.js";

const bySlug = (slug: string): ModelSpec => {
  const model = allModels.find((m) => m.slug === slug);
  if (!model) throw new Error(`no ${slug}`);
  return model;
};

describe("prices match the price list", () => {
  it.each(priceListEntries.map((e) => [e.slug, e.min, e.max] as const))("%s costs %i–%i", (slug, min, max) => {
    const model = bySlug(slug);
    const quote = quotePrice(model);
    expect([quote.min_token_cost, quote.max_token_cost]).toEqual([min, max]);
    expect(priceRange(model)).toEqual({ min, max });
    expect(quote.pricing_type).toBe(min === max ? "fixed" : "matrix");
    if (model.pricing.type === "fixed") expect(model.pricing.cost).toBe(min);
    expect(quote.token_cost).toBeGreaterThanOrEqual(min);
    expect(quote.token_cost).toBeLessThanOrEqual(max);
  });

  it.each(allModels.filter((m) => m.pricing.type === "matrix").map((m) => [m.slug, m] as const))(
    "%s: every combination of its parameters has a price within the range",
    (_slug, model) => {
      const { min, max } = priceRange(model);
      for (const values of combinations(model.params)) {
        const params = Object.fromEntries(model.params.map((spec, i) => [spec.name, values[i]]));
        const cost = quotePrice(model, params).token_cost;
        expect(cost).toBeGreaterThanOrEqual(min);
        expect(cost).toBeLessThanOrEqual(max);
      }
    },
  );
});

describe("quotePrice", () => {
  it("answers the seed's worked example for dall-e-3", () => {
    expect(quotePrice(bySlug("dall-e-3"), { size: "1792x1024", quality: "hd" }, 1)).toEqual({
      token_cost: 13,
      min_token_cost: 5,
      max_token_cost: 13,
      pricing_type: "matrix",
    });
  });

  it.each([
    ["dall-e-3", {}, 5],
    ["dall-e-3", { quality: "hd" }, 9],
    ["gpt-image-1.5", { quality: "high", size: "1536x1024" }, 21],
    ["gpt-image-1.5", { quality: "low" }, 1],
    ["midjourney", { speed: "turbo", quality: 2 }, 35],
    ["midjourney", { speed: "relax" }, 2],
    ["photon", { aspect_ratio: "16:9" }, 2],
    ["nano-banana-pro", { resolution: "4K" }, 32],
    ["kling-v2.1", { mode: "pro", duration: 10 }, 94],
    ["luma-ray2", { resolution: "1080p", duration: "9s" }, 180],
    ["luma-ray2-flash", { resolution: "540p", duration: "5s" }, 15],
    ["midjourney-video", { resolution: "720p", batch: 2 }, 320],
    ["sora-2", { duration: 12 }, 125],
    ["veo-3.1", { duration: 8, resolution: "1080p", audio: true }, 334],
    ["veo-3.1", { duration: 4, resolution: "720p", audio: false }, 83],
    ["el-dubbing", { minutes: 10 }, 600],
    ["el-dubbing", { minutes: 1 }, 60],
    ["gpt-5.2-pro", {}, 39],
  ] as const)("%s with %j costs %i", (slug, params, cost) => {
    expect(quotePrice(bySlug(slug), params).token_cost).toBe(cost);
  });

  it("ignores parameters that do not change the price", () => {
    const veo = bySlug("veo-3.1");
    expect(quotePrice(veo, { aspect_ratio: "9:16" }).token_cost).toBe(quotePrice(veo).token_cost);
  });

  it("multiplies by count", () => {
    expect(quotePrice(bySlug("dall-e-3"), { size: "1792x1024", quality: "hd" }, 3)).toEqual({
      token_cost: 39,
      min_token_cost: 15,
      max_token_cost: 39,
      pricing_type: "matrix",
    });
    expect(quotePrice(bySlug("gpt-5"), {}, 4).token_cost).toBe(8);
  });

  it("accepts values as text, the way callback data carries them", () => {
    expect(quotePrice(bySlug("kling-v2.1"), { duration: "10" }).token_cost).toBe(52);
    expect(quotePrice(bySlug("veo-3.1"), { audio: "false", duration: "4" }).token_cost).toBe(83);
  });

  it.each([
    ["dall-e-3", { size: "512x512" }, "invalid-value", "size"],
    ["dall-e-3", { style: "vivid" }, "unknown-param", "style"],
    ["gpt-5", { temperature: 1 }, "unknown-param", "temperature"],
    ["kling-v2.1", { duration: 7 }, "invalid-value", "duration"],
    ["veo-3.1", { audio: "yes" }, "invalid-value", "audio"],
  ] as const)("rejects %s with %j (%s)", (slug, params, reason, param) => {
    const attempt = () => quotePrice(bySlug(slug), params as Record<string, string | number>);
    expect(attempt).toThrow(InvalidParams);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ reason, param, model: slug, i18nKey: "error-invalid-params" });
    }
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects count %s", (count) => {
    expect(() => quotePrice(bySlug("dall-e-3"), {}, count)).toThrow(InvalidParams);
  });
});

describe("resolveParams", () => {
  it("fills every parameter, defaults for the missing ones", () => {
    expect(resolveParams(bySlug("dall-e-3"), {})).toEqual({ size: "1024x1024", quality: "standard" });
    expect(resolveParams(bySlug("kling-v2.1"), { mode: "pro" })).toEqual({ mode: "pro", duration: 5 });
  });

  it("treats undefined as missing", () => {
    expect(resolveParams(bySlug("dall-e-3"), { quality: undefined })).toEqual({
      size: "1024x1024",
      quality: "standard",
    });
  });

  it("returns the option's own type for a value given as text", () => {
    expect(resolveParams(bySlug("sora-2"), { duration: "8" }).duration).toBe(8);
  });

  it("gives text models no parameters and rejects any", () => {
    expect(resolveParams(bySlug("claude-opus-4.5"))).toEqual({});
    expect(() => resolveParams(bySlug("claude-opus-4.5"), { size: "1024x1024" })).toThrow(InvalidParams);
  });
});
