import { InvalidCatalog } from "./errors.js";
import { combinations, matrixKey, pricedSpecs, resolveParams } from "./pricing.js";
import type { ModelSpec } from "./types.js";

const SLUG = /^[a-z0-9][a-z0-9.-]*$/;

/**
 * Throws `InvalidCatalog` listing every inconsistency: a slug or alias used twice, a default that is
 * not an option, a matrix missing or inventing a combination, alias parameters the model does not take.
 */
export function assertValidModels(models: readonly ModelSpec[]): void {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  for (const model of models) {
    problems.push(...modelProblems(model));
    for (const name of [model.slug, ...(model.aliases ?? [])]) {
      const owner = owners.get(name);
      if (owner === undefined) owners.set(name, model.slug);
      else problems.push(`"${name}" names both ${owner} and ${model.slug}`);
    }
  }
  if (problems.length > 0) throw new InvalidCatalog(`invalid catalog:\n  ${problems.join("\n  ")}`);
}

/** What is wrong with one model's data; empty when nothing is. */
export function modelProblems(model: ModelSpec): string[] {
  const problems: string[] = [];
  const report = (problem: string) => problems.push(`${model.slug}: ${problem}`);
  if (!SLUG.test(model.slug)) report("slug must be lowercase letters, digits, dots and dashes");
  if (!isPositiveInteger(model.deadlineSeconds)) report("deadlineSeconds must be a positive integer");
  // A product nothing serves any more names no upstream; every other route names one.
  if (model.route.upstream === "" && !model.route.unavailable) report("route has no upstream");

  const names = new Set<string>();
  for (const spec of model.params) {
    if (names.has(spec.name)) report(`parameter "${spec.name}" is declared twice`);
    names.add(spec.name);
    if (spec.options.length === 0) report(`parameter "${spec.name}" has no options`);
    if (new Set(spec.options.map(String)).size !== spec.options.length)
      report(`parameter "${spec.name}" repeats an option`);
    if (!spec.options.includes(spec.default)) report(`default of "${spec.name}" is not one of its options`);
  }

  problems.push(...pricingProblems(model).map((problem) => `${model.slug}: ${problem}`));

  for (const [alias, params] of Object.entries(model.aliasParams ?? {})) {
    if (!(model.aliases ?? []).includes(alias)) report(`aliasParams names "${alias}", which is not an alias`);
    try {
      resolveParams(model, params);
    } catch (error) {
      report(`alias "${alias}": ${(error as Error).message}`);
    }
  }
  return problems;
}

function pricingProblems(model: ModelSpec): string[] {
  const pricing = model.pricing;
  if (pricing.type === "fixed") return isPositiveInteger(pricing.cost) ? [] : ["fixed cost must be a positive integer"];
  if (pricing.params.length === 0) return ["a matrix must be priced by at least one parameter"];
  if (new Set(pricing.params).size !== pricing.params.length) return ["a matrix names a parameter twice"];
  let expected: string[];
  try {
    expected = combinations(pricedSpecs(model, pricing)).map(matrixKey);
  } catch (error) {
    return [(error as Error).message];
  }
  const actual = Object.keys(pricing.table);
  const problems = [
    ...expected.filter((key) => !Object.hasOwn(pricing.table, key)).map((key) => `matrix has no cell "${key}"`),
    ...actual
      .filter((key) => !expected.includes(key))
      .map((key) => `matrix cell "${key}" is not a combination of options`),
  ];
  for (const [key, cost] of Object.entries(pricing.table)) {
    if (!isPositiveInteger(cost)) problems.push(`matrix cell "${key}" must be a positive integer`);
  }
  return problems;
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}
