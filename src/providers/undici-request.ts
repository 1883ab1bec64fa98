import { createRequire } from "node:module";
import type { Dispatcher } from "undici";

/**
 * undici's `request`, loaded without the rest of undici. Its index loads everything the package
 * offers (fetch, WebSocket, caches, mocks, proxy agents), about 8 MB of the idle bot's memory, for
 * this one function. These are the modules undici's own `request` is made of: its API methods mixed
 * into the dispatcher (as its index does) and the global dispatcher. A change to undici's layout
 * breaks every provider test at once (test/providers), never quietly.
 */
const require = createRequire(import.meta.url);
const DispatcherBase = require("undici/lib/dispatcher/dispatcher") as { prototype: object };
Object.assign(DispatcherBase.prototype, require("undici/lib/api"));
const { getGlobalDispatcher } = require("undici/lib/global") as { getGlobalDispatcher(): Dispatcher };

export type RequestOptions = Omit<Dispatcher.RequestOptions, "origin" | "path" | "method"> & {
  method?: Dispatcher.HttpMethod;
};

/** `request(url, options)` from undici: the same global dispatcher, origin and path taken from `url`. */
export function request(url: string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const parsed = new URL(url);
  return getGlobalDispatcher().request({
    ...options,
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
    method: options.method ?? (options.body ? "PUT" : "GET"),
  });
}
