import { describe, expect, it } from "vitest";
import { findPackage, packages } from "../../src/catalog/packages.js";
import { getPlan, isPlanId, paidPlans, planList, plans } from "../../src/catalog/plans.js";
import { testPlans } from "../support/plans.js";

describe("plans", () => {
  it.each([
    ["starter", 50, 0, 20, 150, false],
    ["basic", 300, 890, 30, 200, true],
    ["pro", 700, 1690, 60, 500, true],
    ["vip", 1500, 2990, 100, 1000, true],
    ["elite", 3000, 4990, null, null, true],
  ] as const)("%s: %i tokens for %i ₽, %s/h, %s/day", (id, tokens, rub, perHour, perDay, unlocksAll) => {
    expect(getPlan(id)).toMatchObject({
      id,
      monthlyTokens: tokens,
      priceRub: rub,
      perHour,
      perDay,
      unlocksAllModels: unlocksAll,
    });
  });

  it("lists the five plans cheapest first, four of them paid", () => {
    expect(planList.map((p) => p.id)).toEqual(["starter", "basic", "pro", "vip", "elite"]);
    expect(paidPlans.map((p) => p.id)).toEqual(["basic", "pro", "vip", "elite"]);
  });

  it("agrees with the billing tests' copy of the seeds", () => {
    expect(plans).toEqual(testPlans);
  });

  it("recognises plan ids", () => {
    expect(isPlanId("vip")).toBe(true);
    expect(isPlanId("free")).toBe(false);
    expect(isPlanId("toString")).toBe(false);
  });
});

describe("packages", () => {
  it.each([
    ["start", "Start", 50, 249],
    ["light", "Light", 100, 449],
    ["standard", "Standard", 200, 799],
    ["advanced", "Advanced", 500, 1790],
    ["pro-pack", "Pro Pack", 1000, 3290],
    ["business", "Business", 2000, 5990],
    ["premium", "Premium", 5000, 13990],
    ["ultra", "Ultra", 10000, 24990],
  ] as const)("%s (%s): %i tokens for %i ₽", (id, name, tokens, priceRub) => {
    expect(findPackage(id)).toEqual({ id, name, tokens, priceRub });
  });

  it("has exactly eight, in order of size, with kebab-case ids", () => {
    expect(packages).toHaveLength(8);
    expect(packages.map((p) => p.tokens)).toEqual([...packages.map((p) => p.tokens)].sort((a, b) => a - b));
    for (const p of packages) expect(p.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(findPackage("mega")).toBeUndefined();
  });
});
