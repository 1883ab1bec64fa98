import type { RecordedRequest } from "./fake-server.js";
import { parseMultipart } from "./media-fake-kit.js";

/**
 * The test control every fake with a model listing exposes as `fake.listing`:
 *
 * - `fake.listing.set(ids)` replaces the served list. It is also the list of ids the fake accepts, so
 *   `listing.set([])` makes every generation request fail as "model not found", as the real API
 *   does once a model is gone.
 * - `fake.listing.fail(status)` makes the listing endpoint answer that HTTP status (generation
 *   requests are unaffected: a broken listing is not a missing model).
 * - `fake.listing.reset()` restores the default list and a working endpoint.
 */
export interface ListingControl {
  set(ids: string[]): void;
  fail(status: number): void;
  reset(): void;
}

/** The fake's side of a listing: what it serves and accepts. */
export interface Listing extends ListingControl {
  ids(): readonly string[];
  has(id: string): boolean;
  /** The status the listing endpoint answers instead of the list, when `fail` was called. */
  failure(): number | undefined;
}

export function createListing(defaults: readonly string[]): Listing {
  let ids: readonly string[] = [...defaults];
  let failure: number | undefined;
  return {
    ids: () => ids,
    has: (id) => ids.includes(id),
    failure: () => failure,
    set: (next) => {
      ids = [...next];
    },
    fail: (status) => {
      failure = status;
    },
    reset: () => {
      ids = [...defaults];
      failure = undefined;
    },
  };
}

/** Only the control, for the object a test holds (the fake keeps `ids`/`has` to itself). */
export function controlOf(listing: Listing): ListingControl {
  return { set: listing.set, fail: listing.fail, reset: listing.reset };
}

/** The `model` a request names: a JSON body's field or a multipart form's field; undefined when absent. */
export async function requestedModel(req: RecordedRequest, field = "model"): Promise<string | undefined> {
  if (req.method !== "POST") return undefined;
  const json = req.json;
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const value = (json as Record<string, unknown>)[field];
    return typeof value === "string" ? value : undefined;
  }
  const form = await parseMultipart(req);
  const value = form?.get(field);
  return typeof value === "string" ? value : undefined;
}
