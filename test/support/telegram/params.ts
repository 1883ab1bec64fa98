import { badRequest } from "./api-error.js";

/**
 * Request parameters as they arrived: JSON values, or strings from urlencoded/multipart bodies.
 * The accessors coerce like the Bot API does, but reject values it would silently turn into 0.
 */
export type Params = Record<string, unknown>;

function present(params: Params, name: string): unknown {
  const value = params[name];
  return value === null ? undefined : value;
}

export function optString(params: Params, name: string): string | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A string that must be present and non-empty; `missing` is Telegram's text for its absence. */
export function reqString(params: Params, name: string, missing = `parameter "${name}" is required`): string {
  const value = optString(params, name);
  if (value === undefined || value === "") throw badRequest(missing);
  return value;
}

export function optInt(params: Params, name: string): number | undefined {
  const value = present(params, name);
  if (value === undefined || value === "") return undefined;
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) {
    const parsed = Number(value.trim());
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  throw badRequest(`parameter "${name}" must be an integer`, `got ${JSON.stringify(value)}`);
}

export function reqInt(params: Params, name: string, missing = `parameter "${name}" is required`): number {
  const value = optInt(params, name);
  if (value === undefined) throw badRequest(missing);
  return value;
}

export function optBool(params: Params, name: string): boolean | undefined {
  const value = present(params, name);
  if (value === undefined || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true" || lower === "1") return true;
    if (lower === "false" || lower === "0") return false;
  }
  throw badRequest(`parameter "${name}" must be a Boolean`, `got ${JSON.stringify(value)}`);
}

/** A JSON-serialized parameter: already parsed in JSON bodies, a JSON string in form bodies. */
export function optJson(params: Params, name: string, cantParse: string): unknown {
  const value = present(params, name);
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(cantParse, `${name} is not valid JSON: ${value.slice(0, 80)}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** UTF-8 byte length, the unit Telegram uses for callback_data and payloads. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
