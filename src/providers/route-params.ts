import type { ParamValue, ProviderRoute } from "../catalog/types.js";

/** A request's parameters in the upstream's terms. */
export interface UpstreamParams {
  /** Fields to send, under the upstream's names and with the upstream's values. */
  fields: Record<string, ParamValue>;
  /**
   * Adapter options: any name starting with `_` (e.g. Replicate's `_wait`). They steer the adapter
   * and are never sent upstream, so a catalog route can tune behaviour as data.
   */
  options: Record<string, ParamValue>;
}

/**
 * Applies a route's mappings to the user's parameters: `values` first (keyed by our parameter name and
 * our value), then `input` renames the field (an empty name drops it: the upstream has no such field),
 * then `fixed` fields are laid over the result, so a route's constants always win.
 */
export function mapRouteParams(route: ProviderRoute, params: Record<string, ParamValue>): UpstreamParams {
  const result: UpstreamParams = { fields: {}, options: {} };
  const put = (name: string, value: ParamValue) => {
    if (name.startsWith("_")) result.options[name] = value;
    else result.fields[name] = value;
  };
  for (const [name, value] of Object.entries(params)) {
    const target = route.input?.[name] ?? name;
    if (target === "") continue;
    put(target, route.values?.[name]?.[String(value)] ?? value);
  }
  for (const [name, value] of Object.entries(route.fixed ?? {})) put(name, value);
  return result;
}

/**
 * The upstream field for one of the request's own parts (`prompt`, `file`), as the route's `input`
 * names it; `undefined` when the route maps it to `""` (this upstream takes no such part).
 */
export function fieldFor(
  route: ProviderRoute,
  part: "prompt" | "file" | "file2",
  fallback: string,
): string | undefined {
  const name = route.input?.[part] ?? fallback;
  return name === "" ? undefined : name;
}

/**
 * Puts a file reference into an input object under `field`; a name ending in `[]`
 * (e.g. `image_input[]`) means the upstream takes a list.
 */
export function placeFile(input: Record<string, unknown>, field: string, reference: string): void {
  if (field.endsWith("[]")) input[field.slice(0, -2)] = [reference];
  else input[field] = reference;
}

/** Removes a field and returns its value as a string (for fields that go into the URL path or query). */
export function takeField(fields: Record<string, ParamValue>, name: string): string | undefined {
  const value = fields[name];
  delete fields[name];
  return value === undefined ? undefined : String(value);
}
