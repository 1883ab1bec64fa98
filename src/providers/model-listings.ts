import { z } from "zod";
import type { ProviderId, ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import { createHttpClient, type HttpClient } from "./http.js";
import type { ProviderSettingsMap } from "./types.js";

/**
 * What a provider says it serves. `listed` answers which of the given upstream ids it serves now;
 * it throws a ProviderError when the provider could not be asked (network, 5xx, timeout, bad key).
 */
export interface ModelListing {
  /** Whether this listing speaks for the route at all (ElevenLabs lists voice models, not its music or dubbing). */
  covers(route: ProviderRoute): boolean;
  listed(upstreams: readonly string[], signal?: AbortSignal): Promise<ReadonlySet<string>>;
}

export interface ModelListingOptions {
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const ListSchema = z.object({ data: z.array(z.object({ id: z.string() })) });
const AnthropicPageSchema = ListSchema.extend({ has_more: z.boolean().nullish(), last_id: z.string().nullish() });
const ElevenLabsSchema = z.array(z.object({ model_id: z.string() }));

/** ElevenLabs' `GET /v1/models` lists its voice models only: the operations that name one of those. */
const ELEVENLABS_LISTED_OPERATIONS = new Set(["speech", "voice-change", "dialogue"]);

/** One listing per configured provider that publishes one; Luma and LegNext (Midjourney) publish none. */
export function createModelListings(
  settings: ProviderSettingsMap,
  options: ModelListingOptions = {},
): Partial<Record<ProviderId, ModelListing>> {
  const listings: Partial<Record<ProviderId, ModelListing>> = {};
  const client = (provider: ProviderId, headers: Record<string, string>) =>
    createHttpClient({
      provider,
      baseUrl: settings[provider].baseUrl,
      headers,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRetries: 1,
      sleep: options.sleep,
    });
  const bearer = (provider: ProviderId) => ({ authorization: `Bearer ${settings[provider].apiKey}` });

  for (const provider of ["openai", "xai", "deepseek", "gemini"] as const) {
    if (!settings[provider].apiKey) continue;
    const http = client(provider, bearer(provider));
    listings[provider] = {
      covers: () => true,
      async listed(upstreams, signal) {
        const page = parse(provider, ListSchema, await http.json({ method: "GET", path: "/models", signal }));
        // Gemini's OpenAI-compatible listing names models `models/gemini-2.5-flash`.
        return pick(
          upstreams,
          page.data.map((m) => m.id.replace(/^models\//, "")),
        );
      },
    };
  }

  const anthropic = settings.anthropic;
  if (anthropic.apiKey) {
    const http = client("anthropic", { "x-api-key": anthropic.apiKey, "anthropic-version": "2023-06-01" });
    listings.anthropic = {
      covers: () => true,
      async listed(upstreams, signal) {
        return pick(upstreams, await anthropicIds(http, signal));
      },
    };
  }

  if (settings.replicate.apiKey) {
    const http = client("replicate", bearer("replicate"));
    listings.replicate = {
      covers: () => true,
      async listed(upstreams, signal) {
        // In parallel: one slow lookup must not hold the check (and the bot's start) for the sum of them.
        const served = await Promise.all(upstreams.map((upstream) => replicateServes(http, upstream, signal)));
        return new Set(upstreams.filter((_, i) => served[i]));
      },
    };
  }

  const elevenlabs = settings.elevenlabs;
  if (elevenlabs.apiKey) {
    const http = client("elevenlabs", { "xi-api-key": elevenlabs.apiKey });
    listings.elevenlabs = {
      covers: (route) => ELEVENLABS_LISTED_OPERATIONS.has(route.operation),
      async listed(upstreams, signal) {
        const models = parse(
          "elevenlabs",
          ElevenLabsSchema,
          await http.json({ method: "GET", path: "/v1/models", signal }),
        );
        return pick(
          upstreams,
          models.map((m) => m.model_id),
        );
      },
    };
  }
  return listings;
}

/** Anthropic pages its listing: `after_id` = the last id of the page before, until `has_more` is false. */
async function anthropicIds(http: HttpClient, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  // Bounded: a server that always says has_more must not keep the check running for ever.
  for (let page = 0; page < 50; page++) {
    const query = `limit=1000${after ? `&after_id=${encodeURIComponent(after)}` : ""}`;
    const body = parse(
      "anthropic",
      AnthropicPageSchema,
      await http.json({ method: "GET", path: `/v1/models?${query}`, signal }),
    );
    ids.push(...body.data.map((m) => m.id));
    after = body.last_id ?? body.data.at(-1)?.id;
    if (!body.has_more || !after) return ids;
  }
  return ids;
}

/**
 * Replicate has no listing of everything: each model is asked for (`GET /models/{owner}/{name}`; a
 * pinned `:version` is not asked for, versions of a model that exists stay runnable). 404 means it is
 * gone; any other failure fails the check.
 */
async function replicateServes(http: HttpClient, upstream: string, signal?: AbortSignal): Promise<boolean> {
  const [model = ""] = upstream.split(":");
  const [owner, name] = model.split("/");
  if (!owner || !name) return false;
  try {
    await http.json({
      method: "GET",
      path: `/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`,
      signal,
    });
    return true;
  } catch (error) {
    if (error instanceof ProviderError && error.status === 404) return false;
    throw error;
  }
}

function pick(upstreams: readonly string[], ids: readonly string[]): ReadonlySet<string> {
  const served = new Set(ids);
  return new Set(upstreams.filter((id) => served.has(id)));
}

function parse<T>(provider: ProviderId, schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new ProviderError(provider, "bad_response", "model listing: unexpected shape");
  return result.data;
}
