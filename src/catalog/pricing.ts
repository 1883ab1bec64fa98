import { InvalidParams } from "./errors.js";
import type { ModelSpec, ParamSpec, ParamValue, PriceQuote, Pricing } from "./types.js";

/** Parameters as a caller gives them: any subset, `undefined` meaning "use the default". */
export type ParamInput = Readonly<Record<string, ParamValue | undefined>>;

/** A value for every parameter of a model. */
export type ResolvedParams = Record<string, ParamValue>;

/**
 * Every parameter of `model` with a value: the given ones checked against their options, the
 * missing ones at their defaults. A value matches an option by its text too (`"5"` → `5`,
 * `"true"` → `true`), since callback data and JSON bodies carry strings; the option itself is returned.
 * Throws `InvalidParams` for a parameter the model does not have or a value it does not offer.
 */
export function resolveParams(model: ModelSpec, partial: ParamInput = {}): ResolvedParams {
  for (const [name, value] of Object.entries(partial)) {
    if (value !== undefined && !model.params.some((spec) => spec.name === name)) {
      throw new InvalidParams(model.slug, "unknown-param", name, value);
    }
  }
  const resolved: ResolvedParams = {};
  for (const spec of model.params) {
    const given = Object.hasOwn(partial, spec.name) ? partial[spec.name] : undefined;
    resolved[spec.name] = given === undefined ? spec.default : matchOption(model, spec, given);
  }
  return resolved;
}

function matchOption(model: ModelSpec, spec: ParamSpec, value: ParamValue): ParamValue {
  const match =
    spec.options.find((option) => option === value) ?? spec.options.find((o) => String(o) === String(value));
  if (match === undefined) throw new InvalidParams(model.slug, "invalid-value", spec.name, value);
  return match;
}

/**
 * The seed's `calculate-price`: `token_cost` for `params` (defaults fill the gaps) and the model's
 * cheapest and dearest combinations, each multiplied by `count` (how many generations are asked for).
 */
export function quotePrice(model: ModelSpec, params: ParamInput = {}, count = 1): PriceQuote {
  if (!Number.isSafeInteger(count) || count < 1) throw new InvalidParams(model.slug, "invalid-count", undefined, count);
  const cost = unitCost(model, resolveParams(model, params));
  const { min, max } = priceRange(model);
  return {
    token_cost: cost * count,
    min_token_cost: min * count,
    max_token_cost: max * count,
    pricing_type: model.pricing.type,
  };
}

/** The cheapest and dearest price of one generation over every combination of the priced parameters. */
export function priceRange(model: ModelSpec): { min: number; max: number } {
  const pricing = model.pricing;
  if (pricing.type === "fixed") return { min: pricing.cost, max: pricing.cost };
  const costs = combinations(pricedSpecs(model, pricing)).map((values) => cellCost(model, pricing, values));
  return { min: Math.min(...costs), max: Math.max(...costs) };
}

/** The price of one generation with complete, valid parameters. */
function unitCost(model: ModelSpec, params: ResolvedParams): number {
  const pricing = model.pricing;
  if (pricing.type === "fixed") return pricing.cost;
  const values = pricing.params.map((name) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${model.slug}: priced parameter "${name}" is not a parameter`);
    return value;
  });
  return cellCost(model, pricing, values);
}

function cellCost(model: ModelSpec, pricing: Pricing & { type: "matrix" }, values: readonly ParamValue[]): number {
  const key = matrixKey(values);
  const cost = pricing.table[key];
  if (cost === undefined) throw new Error(`${model.slug}: pricing matrix has no cell "${key}"`);
  return cost;
}

/** The key of a matrix cell: the values in the order of the matrix's `params`, joined with `|`. */
export function matrixKey(values: readonly ParamValue[]): string {
  return values.map(String).join("|");
}

/** The parameter specs a matrix is priced by, in the matrix's order. */
export function pricedSpecs(model: ModelSpec, pricing: Pricing & { type: "matrix" }): ParamSpec[] {
  return pricing.params.map((name) => {
    const spec = model.params.find((candidate) => candidate.name === name);
    if (spec === undefined) throw new Error(`${model.slug}: priced parameter "${name}" is not a parameter`);
    return spec;
  });
}

/** Every combination of the specs' options, in order (the cartesian product). */
export function combinations(specs: readonly ParamSpec[]): ParamValue[][] {
  return specs.reduce<ParamValue[][]>(
    (rows, spec) => rows.flatMap((row) => spec.options.map((option) => [...row, option])),
    [[]],
  );
}
