import type { FastifyRequest } from "fastify";
import type { ApiDeps } from "./deps.js";
import { ApiError } from "./errors.js";

/** `Authorization: Bearer nb_…` → the key's row, counted against its per-minute cap; 401 otherwise. */
export function createAuthHook(deps: Pick<ApiDeps, "apiKeys" | "limits">) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new ApiError(
        401,
        "missing_api_key",
        "Send the key as Authorization: Bearer nb_…; /api in the bot makes one.",
      );
    }
    const key = await deps.apiKeys.authenticate(match[1]);
    if (!key) throw new ApiError(401, "invalid_api_key", "This API key is not valid or was revoked.");
    deps.limits.hit(key.id);
    request.apiKey = key;
  };
}
