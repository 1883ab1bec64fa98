import { describe, expect, it } from "vitest";
import { RateLimited } from "../../src/billing/errors.js";
import { assertWithinLimits, HOUR_MS, remainingRequests } from "../../src/billing/limits.js";
import { splitClawback, splitSpend } from "../../src/billing/spend.js";
import { testPlans } from "../support/plans.js";

const now = Date.parse("2026-05-01T12:00:00Z");
const spaced = (n: number, gap: number) => Array.from({ length: n }, (_, i) => now - (n - i) * gap);

describe.each(Object.values(testPlans))("limits of $id", (plan) => {
  it("allows up to the hourly limit and refuses the next one", () => {
    const perHour = plan.perHour;
    if (perHour === null) {
      expect(() => assertWithinLimits(plan, { lastDay: spaced(5000, 10) }, now)).not.toThrow();
      return;
    }
    expect(() => assertWithinLimits(plan, { lastDay: spaced(perHour - 1, 1000) }, now)).not.toThrow();
    expect(() => assertWithinLimits(plan, { lastDay: spaced(perHour, 1000) }, now)).toThrow(RateLimited);
  });

  it("refuses past the daily limit even when the hour is quiet", () => {
    if (plan.perDay === null) return expect(plan.id).toBe("elite");
    const old = spaced(plan.perDay, 60_000).map((t) => t - 2 * HOUR_MS);
    const error = (() => {
      try {
        assertWithinLimits(plan, { lastDay: old }, now);
      } catch (e) {
        return e as RateLimited;
      }
    })();
    expect(error?.window).toBe("day");
    expect(remainingRequests(plan, { lastDay: old }, now)).toEqual({ hour: plan.perHour, day: 0 });
  });
});

describe("spend order", () => {
  it.each([
    [{ sub: 10, pkg: 5 }, 3, { sub: 3, pkg: 0 }],
    [{ sub: 10, pkg: 5 }, 12, { sub: 10, pkg: 2 }],
    [{ sub: 0, pkg: 5 }, 5, { sub: 0, pkg: 5 }],
    [{ sub: 2, pkg: 2 }, 5, null],
  ])("splits %o for %i as %o", (balance, amount, expected) => {
    expect(splitSpend(balance, amount)).toEqual(expected);
  });

  it("claws back package tokens first and reports what was spent", () => {
    expect(splitClawback({ sub: 10, pkg: 20 }, 25)).toEqual({ pkg: 20, sub: 5, missing: 0 });
    expect(splitClawback({ sub: 0, pkg: 20 }, 50)).toEqual({ pkg: 20, sub: 0, missing: 30 });
  });
});
