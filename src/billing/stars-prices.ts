import type { PackageSpec, PlanId, PlanSpec } from "../catalog/types.js";

/** Stars prices of everything the bot sells, derived once from the ruble prices. */
export interface StarsPrices {
  /** The price of a package in Stars, `undefined` for an unknown id. */
  package(id: string): number | undefined;
  /** The monthly price of a paid plan in Stars, `undefined` for Starter or an unknown id. */
  plan(id: string): number | undefined;
}

export interface StarsPricesInput {
  /** Stars per ruble (STARS_PER_RUB). */
  rate: number;
  /** Per-product prices in Stars that replace the derived ones (STARS_PRICE_OVERRIDES). */
  overrides?: ReadonlyMap<string, number>;
  packages: readonly PackageSpec[];
  plans: readonly PlanSpec[];
}

/** Thrown for a malformed STARS_PRICE_OVERRIDES, with a message naming the variable and the bad item. */
export class StarsPriceConfigError extends Error {
  override readonly name = "StarsPriceConfigError";
}

/** A ruble price in whole Stars at `rate`: rounded, and never below one Star. */
export function starsFromRub(priceRub: number, rate: number): number {
  return Math.max(1, Math.round(priceRub * rate));
}

/**
 * Parses `id=stars,id=stars` (spaces allowed, empty = none). Every id must be a package or a paid
 * plan in `known`, so a typo fails at start instead of silently leaving a price unchanged.
 */
export function parseStarsOverrides(text: string, known: readonly string[]): Map<string, number> {
  const overrides = new Map<string, number>();
  for (const item of text.split(",").map((s) => s.trim())) {
    if (item === "") continue;
    const match = /^([a-z0-9-]+)\s*=\s*(\d+)$/.exec(item);
    if (!match)
      throw new StarsPriceConfigError(`Configuration error: STARS_PRICE_OVERRIDES item "${item}" must be id=stars`);
    const [, id = "", stars = ""] = match;
    if (!known.includes(id)) {
      throw new StarsPriceConfigError(
        `Configuration error: STARS_PRICE_OVERRIDES names "${id}", which is not one of ${known.join(", ")}`,
      );
    }
    const amount = Number(stars);
    if (!Number.isSafeInteger(amount) || amount < 1) {
      throw new StarsPriceConfigError(
        `Configuration error: STARS_PRICE_OVERRIDES price of "${id}" must be at least 1 Star`,
      );
    }
    overrides.set(id, amount);
  }
  return overrides;
}

/** Package and plan ids share one namespace in the overrides; they must not collide. */
export function productIds(packages: readonly PackageSpec[], plans: readonly PlanSpec[]): string[] {
  return [...packages.map((p) => p.id), ...plans.filter((p) => p.priceRub > 0).map((p) => p.id)];
}

/** The price table: `round(rub × rate)` per product unless overridden. */
export function createStarsPrices(input: StarsPricesInput): StarsPrices {
  if (!(input.rate > 0) || !Number.isFinite(input.rate))
    throw new StarsPriceConfigError(`Configuration error: STARS_PER_RUB must be positive`);
  const price = (id: string, rub: number) => input.overrides?.get(id) ?? starsFromRub(rub, input.rate);
  const packagePrices = new Map(input.packages.map((p) => [p.id, price(p.id, p.priceRub)]));
  const planPrices = new Map<string, number>(
    input.plans.filter((p) => p.priceRub > 0).map((p): [PlanId, number] => [p.id, price(p.id, p.priceRub)]),
  );
  return {
    package: (id) => packagePrices.get(id),
    plan: (id) => planPrices.get(id),
  };
}
