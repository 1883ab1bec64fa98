import { describe, expect, it } from "vitest";
import { toApiError } from "../../src/api/errors.js";
import { InsufficientTokens, ModelLocked, RateLimited } from "../../src/billing/errors.js";
import { InvalidParams, UnknownModel } from "../../src/catalog/errors.js";
import { ModelUnavailable } from "../../src/generation/engine.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("domain refusals as API errors", () => {
  it.each([
    [new InsufficientTokens(13, 4), 402, "insufficient_tokens", { token_cost: 13, token_balance: 4 }],
    [new ModelLocked("sora-2"), 403, "model_locked", { required_plan: "basic" }],
    [new UnknownModel("nope"), 404, "model_not_found", {}],
    [new InvalidParams("dall-e-3", "invalid-value", "size", "1x1"), 422, "invalid_params", { field: "params.size" }],
    [new InvalidParams("dall-e-3", "invalid-count", undefined, 0), 422, "invalid_params", { field: "count" }],
    [new ModelUnavailable("dall-e-3"), 503, "model_unavailable", {}],
  ])("%s → %i %s", (error, status, code, extra) => {
    const mapped = toApiError(error, NOW);
    expect(mapped?.status).toBe(status);
    expect(mapped?.body().error).toMatchObject({ code, ...extra });
  });

  it("tells when a plan limit resets, in Retry-After seconds", () => {
    const mapped = toApiError(new RateLimited("hour", 20, new Date(NOW + 90_500)), NOW);
    expect(mapped?.status).toBe(429);
    expect(mapped?.headers["Retry-After"]).toBe("91");
    expect(mapped?.body().error).toMatchObject({ code: "rate_limited", limit: 20, window: "hour" });
  });

  it("leaves anything else to the 500 handler, which hides it", () => {
    expect(toApiError(new Error("db password wrong"), NOW)).toBeUndefined();
  });
});
