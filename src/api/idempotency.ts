import type { GenerationsRepository } from "../storage/generations-repository.js";
import type { ApiDeps } from "./deps.js";
import { ApiError } from "./errors.js";

/**
 * A client's `Idempotency-Key`, scoped to the endpoint: the job an earlier request with it made (which
 * must have been the same request), or the key to give the new job. Only a new request takes a job slot.
 */
export async function idempotentRequest(
  deps: { generations: GenerationsRepository; limits: ApiDeps["limits"] },
  request: { userId: number; apiKeyId: number; endpoint: "chat" | "generate"; header?: string },
  same: { model: string; prompt: string | null },
): Promise<{ idempotencyKey?: string }> {
  const idempotencyKey = request.header ? `${request.endpoint}:${request.header}` : undefined;
  const earlier = idempotencyKey ? await deps.generations.byIdempotencyKey(request.userId, idempotencyKey) : undefined;
  if (earlier && (earlier.model !== same.model || earlier.prompt !== same.prompt)) {
    throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was used for another request.", {
      field: "Idempotency-Key",
    });
  }
  if (!earlier) deps.limits.assertConcurrency(await deps.generations.activeCountForKey(request.apiKeyId));
  return { idempotencyKey };
}
