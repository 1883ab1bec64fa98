import { InvalidRouteOverrides, UnknownModel } from "./errors.js";
import { allModels } from "./models/index.js";
import { packages } from "./packages.js";
import { planList } from "./plans.js";
import { applyModelOverride, type RouteOverrides } from "./route-overrides.js";
import type { ModelKind, ModelSpec, PackageSpec, ParamValue, PlanSpec } from "./types.js";
import { assertValidModels, modelProblems } from "./validate.js";

export { parseRouteOverrides, type RouteOverrides } from "./route-overrides.js";

/** A model found by slug or by one of its older aliases, with the parameters the alias implies. */
export interface ModelMatch {
  model: ModelSpec;
  /** Empty for a slug; e.g. `{ speed: "turbo" }` for `midjourney-turbo`. */
  params: Readonly<Record<string, ParamValue>>;
}

/** The models, plans and packages the bot sells, with routes as the operator configured them. */
export interface Catalog {
  readonly models: readonly ModelSpec[];
  readonly plans: readonly PlanSpec[];
  readonly packages: readonly PackageSpec[];
  /** A model by slug or alias (case and surrounding spaces ignored); `undefined` when none. */
  find(slugOrAlias: string): ModelMatch | undefined;
  /** A model by slug (or alias); throws `UnknownModel` — for slugs the bot stored itself. */
  get(slug: string): ModelSpec;
  /** The models of one menu category, in menu order. */
  byKind(kind: ModelKind): readonly ModelSpec[];
  /** Whether the plan may use the model: paid plans unlock all, Starter only `starter`-tier models. */
  isUnlocked(model: ModelSpec, plan: PlanSpec): boolean;
  /** The same models with another set of overrides (replacing, not adding to, this catalog's). */
  withRoutes(overrides: RouteOverrides): Catalog;
}

/**
 * Builds a catalog, laying `routeOverrides` (by slug) over the models' routes so an operator can
 * re-route a model or mark it unavailable without code changes. Throws `InvalidCatalog` when the
 * model data contradicts itself and `InvalidRouteOverrides` when an override names no model.
 */
export function createCatalog(models: readonly ModelSpec[] = allModels, routeOverrides?: RouteOverrides): Catalog {
  assertValidModels(models);
  const routed = routeOverrides ? applyOverrides(models, routeOverrides) : models;

  const byName = new Map<string, ModelMatch>();
  for (const model of routed) {
    byName.set(model.slug, { model, params: {} });
    for (const alias of model.aliases ?? []) byName.set(alias, { model, params: model.aliasParams?.[alias] ?? {} });
  }
  const kinds = new Map<ModelKind, ModelSpec[]>();
  for (const model of routed) kinds.set(model.kind, [...(kinds.get(model.kind) ?? []), model]);

  const find = (slugOrAlias: string) => byName.get(slugOrAlias.trim().toLowerCase());
  return {
    models: routed,
    plans: planList,
    packages,
    find,
    get(slug) {
      const match = find(slug);
      if (match === undefined) throw new UnknownModel(slug);
      return match.model;
    },
    byKind: (kind) => kinds.get(kind) ?? [],
    isUnlocked: (model, plan) => plan.unlocksAllModels || model.tier === "starter",
    withRoutes: (overrides) => createCatalog(models, overrides),
  };
}

function applyOverrides(models: readonly ModelSpec[], overrides: RouteOverrides): ModelSpec[] {
  const unknown = Object.keys(overrides).filter((slug) => !models.some((model) => model.slug === slug));
  if (unknown.length > 0) throw new InvalidRouteOverrides(unknown.map((slug) => `${slug}: no model has this slug`));
  const routed = models.map((model) => {
    const override = Object.hasOwn(overrides, model.slug) ? overrides[model.slug] : undefined;
    return override ? applyModelOverride(model, override) : model;
  });
  // An override can leave a route that serves nothing (cleared `unavailable`, no upstream): say so at start.
  const problems = routed.filter((model) => Object.hasOwn(overrides, model.slug)).flatMap(modelProblems);
  if (problems.length > 0) throw new InvalidRouteOverrides(problems);
  return routed;
}
