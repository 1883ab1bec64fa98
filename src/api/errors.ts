import { InsufficientTokens, ModelLocked, RateLimited } from "../billing/errors.js";
import { InvalidParams, UnknownModel } from "../catalog/errors.js";
import { ModelUnavailable } from "../generation/engine.js";

/** An error a client is told about: status, a stable code, a message of ours, and fields that help. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body() {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/**
 * The domain's refusals as HTTP answers (the same refusals the bot words as messages);
 * `undefined` for anything else, which the server hides behind a 500.
 */
export function toApiError(error: unknown, now: number): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof InsufficientTokens) {
    return new ApiError(
      402,
      "insufficient_tokens",
      `This request costs ${error.price} tokens; the balance is ${error.balance}. Top up in the bot.`,
      { token_cost: error.price, token_balance: error.balance },
    );
  }
  if (error instanceof RateLimited) {
    const seconds = Math.max(1, Math.ceil((error.resetsAt.getTime() - now) / 1000));
    return new ApiError(
      429,
      "rate_limited",
      `The plan allows ${error.limit} requests per ${error.window}; try again after ${error.resetsAt.toISOString()}.`,
      { limit: error.limit, window: error.window, resets_at: error.resetsAt.toISOString() },
      { "Retry-After": String(seconds) },
    );
  }
  if (error instanceof ModelLocked) {
    return new ApiError(403, "model_locked", `${error.model} needs a paid plan.`, { required_plan: "basic" });
  }
  if (error instanceof UnknownModel) return unknownModel(error.slug);
  if (error instanceof InvalidParams) {
    const field = error.reason === "invalid-count" ? "count" : `params.${error.param}`;
    return new ApiError(422, "invalid_params", error.message, { field });
  }
  if (error instanceof ModelUnavailable) {
    return new ApiError(503, "model_unavailable", `${error.model} is unavailable right now.`);
  }
  return undefined;
}

export function unknownModel(slug: string): ApiError {
  return new ApiError(404, "model_not_found", `No model "${slug}". GET /api/v2/models lists them.`);
}

export function invalidField(field: string, message: string): ApiError {
  return new ApiError(422, "invalid_request", `${field}: ${message}`, { field });
}
