import type { ParamSpec, ParamValue, Pricing } from "../types.js";

/** A user-choosable parameter; `defaultValue` must be one of `options` (checked when a catalog is built). */
export function param(name: string, options: readonly ParamValue[], defaultValue: ParamValue): ParamSpec {
  return { name, options, default: defaultValue };
}

export function fixedPrice(cost: number): Pricing {
  return { type: "fixed", cost };
}

/** A price per combination of `params`, keyed by their values joined with `|` in this order. */
export function matrixPrice(params: readonly string[], table: Readonly<Record<string, number>>): Pricing {
  return { type: "matrix", params, table };
}

/** Aspect ratios most image upstreams accept. */
export const commonAspectRatios = ["1:1", "16:9", "9:16", "4:3", "3:4"] as const;

/**
 * The `source` of a route that no retirement notice touched: the id the catalog was seeded with, found in
 * no provider deprecation notice when the routes were reviewed; the model health check confirms it at run
 * time where the provider has a listing.
 */
export const SEEDED_ROUTE = "seed route; no retirement notice found in the 2026-12-02 review";
