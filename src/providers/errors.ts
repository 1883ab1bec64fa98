import type { ProviderId } from "../catalog/types.js";

/** Why an upstream call failed, in terms the bot can tell a user about. */
export type ProviderFailureKind =
  | "timeout"
  | "rate_limited"
  | "overloaded"
  | "unavailable"
  | "auth"
  | "billing"
  | "moderation"
  | "bad_request"
  | "bad_response"
  | "network";

/** A failed upstream call. No tokens are taken for a generation that ends in this error. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly provider: ProviderId,
    readonly kind: ProviderFailureKind,
    message: string,
    readonly status?: number,
    /** The upstream's own words, safe to show the user (moderation reasons, validation messages). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** A provider whose API key is not configured: its models are shown as unavailable. */
export class ProviderNotConfigured extends Error {
  override readonly name = "ProviderNotConfigured";
  constructor(readonly provider: ProviderId) {
    super(`provider ${provider} has no API key`);
  }
}
