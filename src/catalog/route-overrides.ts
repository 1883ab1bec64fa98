import { z } from "zod";
import { InvalidRouteOverrides } from "./errors.js";
import type { ModelSpec, Operation, ProviderId, ProviderRoute } from "./types.js";

/**
 * One model's override: route fields, plus `deadlineSeconds` — how long its jobs may run before they
 * fail and release their holds (a slower upstream needs more; a test makes a deadline run out fast).
 */
export type ModelOverride = Partial<Omit<ProviderRoute, "unavailable">> & {
  /** A reason shown on the card; `null` clears a built-in one (e.g. to serve a product until its shutdown date). */
  unavailable?: string | null;
  deadlineSeconds?: number;
};

/** Overrides by model slug, e.g. from the operator's `MODEL_ROUTES_FILE`. */
export type RouteOverrides = Readonly<Record<string, ModelOverride>>;

// Records keyed by the unions, so adding a provider or an operation to types.ts fails to compile here.
const providers: Record<ProviderId, true> = {
  openai: true,
  anthropic: true,
  gemini: true,
  deepseek: true,
  xai: true,
  replicate: true,
  luma: true,
  elevenlabs: true,
  midjourney: true,
};
const operations: Record<Operation, true> = {
  chat: true,
  responses: true,
  image: true,
  video: true,
  speech: true,
  transcription: true,
  prediction: true,
  sound: true,
  music: true,
  "voice-change": true,
  isolation: true,
  dubbing: true,
  dialogue: true,
  diffusion: true,
  "video-diffusion": true,
};

const paramValue = z.union([z.string(), z.number(), z.boolean()]);

/** One model's override: any route field; unknown fields are rejected so a typo cannot pass silently. */
export const routeOverrideSchema = z.strictObject({
  provider: z.enum(Object.keys(providers) as [ProviderId, ...ProviderId[]]).optional(),
  upstream: z.string().min(1).optional(),
  operation: z.enum(Object.keys(operations) as [Operation, ...Operation[]]).optional(),
  input: z.record(z.string(), z.string()).optional(),
  values: z.record(z.string(), z.record(z.string(), paramValue)).optional(),
  fixed: z.record(z.string(), paramValue).optional(),
  unavailable: z.string().min(1).nullable().optional(),
  fallbacks: z.array(z.string().min(1)).optional(),
  source: z.string().min(1).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
  deadlineSeconds: z.number().int().positive().optional(),
});

export const routeOverridesSchema = z.record(z.string().min(1), routeOverrideSchema);

/**
 * Parses an override file: `{ "<slug>": { provider?, upstream?, operation?, input?, values?, fixed?, unavailable?,
 * fallbacks?, source?, body?, deadlineSeconds? } }`.
 * Throws `InvalidRouteOverrides` naming each problem; slugs are checked when the catalog applies them.
 *
 * @example
 * { "sora-2": { "unavailable": "Sora is retired" },
 *   "deepseek-r1": { "upstream": "deepseek-v4-pro", "fallbacks": ["deepseek-flash"], "body": { "thinking": { "type": "enabled" } } },
 *   "luma-ray2": { "deadlineSeconds": 1800 } }
 */
export function parseRouteOverrides(json: string): RouteOverrides {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new InvalidRouteOverrides([`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = routeOverridesSchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidRouteOverrides(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/**
 * The route with the override laid over it. Moving to another provider or operation drops the old
 * `input`, `values`, `fixed`, `fallbacks`, `source` and `body` (they belong to the old upstream) unless
 * the override brings its own. A new `upstream` alone drops the old `source` and `fallbacks` (they
 * vouched for the old id); an operator who names an upstream names its fallbacks too.
 */
export function applyRouteOverride(
  route: ProviderRoute,
  override: Omit<ModelOverride, "deadlineSeconds">,
): ProviderRoute {
  const moved =
    (override.provider !== undefined && override.provider !== route.provider) ||
    (override.operation !== undefined && override.operation !== route.operation);
  const base: ProviderRoute = moved
    ? { provider: route.provider, upstream: route.upstream, operation: route.operation }
    : route;
  const merged: ProviderRoute = { ...base };
  if (override.upstream !== undefined && override.upstream !== route.upstream) {
    delete merged.source;
    delete merged.fallbacks;
  }
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete (merged as unknown as Record<string, unknown>)[key];
    else if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** The model with its override applied: the route as `applyRouteOverride` lays it, and its deadline. */
export function applyModelOverride(model: ModelSpec, override: ModelOverride): ModelSpec {
  const { deadlineSeconds, ...route } = override;
  return {
    ...model,
    route: applyRouteOverride(model.route, route),
    ...(deadlineSeconds === undefined ? {} : { deadlineSeconds }),
  };
}
