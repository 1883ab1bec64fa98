import type { Catalog } from "../catalog/catalog.js";
import type { ModelSpec, ProviderId, ProviderRoute } from "../catalog/types.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { ModelListing } from "../providers/model-listings.js";
import type { ModelHealthRepository } from "../storage/model-health-repository.js";

/** How often the providers are asked again which models they serve. */
export const HEALTH_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** How long the start waits for the first check before taking updates anyway. */
const FIRST_CHECK_WAIT_MS = 20_000;

/** One product as the last check left it. */
export interface ModelState {
  slug: string;
  provider: ProviderId;
  /** The upstream id requests use now: the route's own, or the first listed fallback. */
  upstream: string;
  available: boolean;
  /** When a check last answered for this product's provider; null when never (no listing, or none succeeded yet). */
  checkedAt: number | null;
}

/** A product whose availability or upstream changed in a check. */
export interface HealthChange {
  model: ModelSpec;
  upstream: string;
  available: boolean;
  /** Whether it was available before this check (false: it comes back; true with a new upstream: it moved). */
  wasAvailable: boolean;
  /** The upstream served before, when the product moved to another one. */
  previousUpstream?: string;
}

export interface ModelHealthDeps {
  catalog: Catalog;
  /** The configured providers' listings; a provider without one is never checked (its products stay available). */
  listings: Partial<Record<ProviderId, ModelListing>>;
  clock: Clock;
  logger: Logger;
  /** Told once per check about every product that changed; a failure to tell is logged, never fatal. */
  onChange?: (changes: HealthChange[]) => Promise<void>;
  /** Where the last check's findings outlive the process; without it a restart starts from "all available". */
  store?: Pick<ModelHealthRepository, "all" | "save">;
}

/**
 * Which upstream serves each product, from the providers' own model listings: at start and every 6 hours.
 * A product whose upstream (and every fallback) is missing becomes unavailable until a check lists one
 * again. A check that fails (network, 5xx, timeout) leaves that provider's products as they were.
 * The findings are stored, so a restart announces only real changes and keeps "last checked".
 */
export function createModelHealth(deps: ModelHealthDeps) {
  const { catalog, listings, clock, logger } = deps;
  const states = new Map<string, ModelState>();
  for (const model of catalog.models) {
    states.set(model.slug, {
      slug: model.slug,
      provider: model.route.provider,
      upstream: model.route.upstream,
      available: true,
      checkedAt: null,
    });
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const abort = new AbortController();

  const stateOf = (slug: string): ModelState => {
    const state = states.get(catalog.get(slug).slug);
    if (!state) throw new Error(`no health state for ${slug}`);
    return state;
  };

  /** The products a provider's listing speaks for (not those marked unavailable by the operator). */
  function checkedModels(provider: ProviderId, listing: ModelListing): ModelSpec[] {
    return catalog.models.filter(
      (model) => model.route.provider === provider && !model.route.unavailable && listing.covers(model.route),
    );
  }

  async function checkProvider(provider: ProviderId, listing: ModelListing): Promise<HealthChange[]> {
    const models = checkedModels(provider, listing);
    if (models.length === 0) return [];
    const candidates = [...new Set(models.flatMap((m) => [m.route.upstream, ...(m.route.fallbacks ?? [])]))];
    let listed: ReadonlySet<string>;
    try {
      listed = await listing.listed(candidates, abort.signal);
    } catch (error) {
      if (!abort.signal.aborted) logger.warn({ err: error, provider }, "model listing failed: availability unchanged");
      return [];
    }
    if (abort.signal.aborted) return [];
    const at = clock.now().getTime();
    const changes: HealthChange[] = [];
    for (const model of models) {
      const state = stateOf(model.slug);
      const serving = [model.route.upstream, ...(model.route.fallbacks ?? [])].find((id) => listed.has(id));
      const next = { upstream: serving ?? model.route.upstream, available: serving !== undefined };
      if (next.available !== state.available || (next.available && next.upstream !== state.upstream)) {
        changes.push({
          model,
          ...next,
          wasAvailable: state.available,
          ...(next.upstream !== state.upstream ? { previousUpstream: state.upstream } : {}),
        });
      }
      Object.assign(state, next, { checkedAt: at });
    }
    await deps.store
      ?.save(models.map((model) => ({ ...stateOf(model.slug) })))
      .catch((error) => logger.warn({ err: error, provider }, "model health not stored"));
    return changes;
  }

  /** The stored findings of products that are still checked, where the stored upstream is still one of theirs. */
  async function load(): Promise<void> {
    if (!deps.store) return;
    const stored = new Map((await deps.store.all()).map((row) => [row.slug, row]));
    for (const [provider, listing] of Object.entries(listings) as [ProviderId, ModelListing][]) {
      for (const model of checkedModels(provider, listing)) {
        const row = stored.get(model.slug);
        if (!row || ![model.route.upstream, ...(model.route.fallbacks ?? [])].includes(row.upstream)) continue;
        Object.assign(stateOf(model.slug), {
          upstream: row.upstream,
          available: row.available,
          checkedAt: row.checkedAt,
        });
      }
    }
  }

  async function checkAll(): Promise<void> {
    const results = await Promise.all(
      (Object.entries(listings) as [ProviderId, ModelListing][]).map(([provider, listing]) =>
        checkProvider(provider, listing),
      ),
    );
    const changes = results.flat();
    for (const change of changes) {
      logger.info(
        { model: change.model.slug, upstream: change.upstream, available: change.available },
        "model availability changed",
      );
    }
    if (changes.length > 0 && deps.onChange) {
      await deps.onChange(changes).catch((error) => logger.warn({ err: error }, "model health notice not sent"));
    }
  }

  return {
    /** Asks every listed provider once; a check already running is joined rather than repeated. */
    check(): Promise<void> {
      if (abort.signal.aborted) return Promise.resolve();
      running ??= checkAll().finally(() => {
        running = undefined;
      });
      return running;
    },
    isAvailable: (slug: string) => stateOf(slug).available,
    state: stateOf,
    /** Every product, in catalog order. */
    states: (): ModelState[] => catalog.models.map((model) => ({ ...stateOf(model.slug) })),
    /** The model's route with the upstream now in use. */
    route(model: ModelSpec): ProviderRoute {
      const upstream = states.get(model.slug)?.upstream ?? model.route.upstream;
      return upstream === model.route.upstream ? model.route : { ...model.route, upstream };
    },
    /** The stored findings, the first check (awaited: nothing is quoted on a dead upstream), then one every `intervalMs`. */
    async start(intervalMs = HEALTH_CHECK_INTERVAL_MS, firstCheckWaitMs = FIRST_CHECK_WAIT_MS) {
      await load();
      // A provider that hangs must not keep the bot from starting: the check goes on in the background.
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        this.check(),
        new Promise<void>((resolve) => {
          waited = setTimeout(resolve, firstCheckWaitMs);
        }),
      ]);
      clearTimeout(waited);
      timer ??= setInterval(() => void this.check(), intervalMs);
      // The check must not keep a stopping process alive.
      timer.unref();
    },
    /** Stops the timer and abandons a check in flight (its results are dropped). */
    async stop() {
      clearInterval(timer);
      timer = undefined;
      abort.abort();
      await running?.catch(() => {});
    },
  };
}

export type ModelHealth = ReturnType<typeof createModelHealth>;

/** The catalog as the job engine sees it: every model's route points at the upstream now in use. */
export function routedCatalog(catalog: Catalog, health: Pick<ModelHealth, "route">): Catalog {
  const routed = (model: ModelSpec): ModelSpec => {
    const route = health.route(model);
    return route === model.route ? model : { ...model, route };
  };
  return {
    ...catalog,
    get models() {
      return catalog.models.map(routed);
    },
    find(slugOrAlias) {
      const match = catalog.find(slugOrAlias);
      return match && { ...match, model: routed(match.model) };
    },
    get: (slug) => routed(catalog.get(slug)),
    byKind: (kind) => catalog.byKind(kind).map(routed),
  };
}
