import { describe, expect, it } from "vitest";
import { createStarsPrices, parseStarsOverrides, productIds, starsFromRub } from "../../src/billing/stars-prices.js";
import { packages } from "../../src/catalog/packages.js";
import { planList } from "../../src/catalog/plans.js";

const ids = productIds(packages, planList);

describe("Stars prices", () => {
  it.each([
    ["start", 125],
    ["light", 225],
    ["standard", 400],
    ["advanced", 895],
    ["pro-pack", 1645],
    ["business", 2995],
    ["premium", 6995],
    ["ultra", 12495],
  ])("package %s costs %i Stars at 0.5 Stars per ruble", (id, stars) => {
    expect(createStarsPrices({ rate: 0.5, packages, plans: planList }).package(id)).toBe(stars);
  });

  it.each([
    ["basic", 445],
    ["pro", 845],
    ["vip", 1495],
    ["elite", 2495],
  ])("plan %s costs %i Stars a month at 0.5 Stars per ruble", (id, stars) => {
    expect(createStarsPrices({ rate: 0.5, packages, plans: planList }).plan(id)).toBe(stars);
  });

  it("has no price for Starter or unknown ids, rounds, and never goes below one Star", () => {
    const prices = createStarsPrices({ rate: 0.013, packages, plans: planList });
    expect(prices.plan("starter")).toBeUndefined();
    expect(prices.package("nope")).toBeUndefined();
    expect(prices.package("start")).toBe(3);
    expect(starsFromRub(10, 0.01)).toBe(1);
    expect(starsFromRub(249, 1)).toBe(249);
  });

  it("applies per-product overrides and leaves the rest derived", () => {
    const overrides = parseStarsOverrides(" start = 99, basic=399 ,", ids);
    expect([...overrides]).toEqual([
      ["start", 99],
      ["basic", 399],
    ]);
    const prices = createStarsPrices({ rate: 0.5, overrides, packages, plans: planList });
    expect(prices.package("start")).toBe(99);
    expect(prices.plan("basic")).toBe(399);
    expect(prices.package("light")).toBe(225);
  });

  it.each([["start"], ["start=abc"], ["start=0"], ["starter=10"], ["unknown=5"], ["start=-3"]])(
    "rejects the override %j with a message naming the variable",
    (text) => {
      expect(() => parseStarsOverrides(text, ids)).toThrow(/STARS_PRICE_OVERRIDES/);
    },
  );

  it("accepts an empty override list", () => {
    expect(parseStarsOverrides("", ids).size).toBe(0);
  });
});
