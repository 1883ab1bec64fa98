import { describe, expect, it } from "vitest";
import { isOperatorFailure, moderationCategoryOf, userReasonOf } from "../../src/generation/failure-reasons.js";
import type { Failure } from "../../src/generation/types.js";

describe("failure reasons shown to users", () => {
  it.each<[Failure["kind"], string | undefined]>([
    ["rate_limited", "busy"],
    ["overloaded", "busy"],
    ["moderation", "moderation"],
    ["unavailable", "unavailable"],
    ["network", "unavailable"],
    ["bad_response", "unavailable"],
    ["failed", "unavailable"],
    ["auth", "unavailable"],
    ["billing", "unavailable"],
    ["timeout", "timeout"],
    ["deadline", "timeout"],
    ["bad_request", "input"],
    ["undeliverable", "ours"],
    ["interrupted", "ours"],
    ["internal", "ours"],
    ["cancelled", undefined],
  ])("%s → %s", (kind, reason) => {
    expect(userReasonOf({ kind, reason: "Incorrect API key provided: sk-live-XYZ" })).toBe(reason);
  });

  it("alerts the operator only for its own key's failures", () => {
    expect(isOperatorFailure({ kind: "auth" })).toBe(true);
    expect(isOperatorFailure({ kind: "billing" })).toBe(true);
    expect(isOperatorFailure({ kind: "rate_limited" })).toBe(false);
    expect(isOperatorFailure({ kind: "bad_request" })).toBe(false);
  });

  it.each([
    [
      "Your request was rejected as a result of our safety system. Image descriptions generated from your prompt may contain text that is not allowed: sexual/minors",
      "minors",
    ],
    ["flagged for: sexual", "sexual"],
    ["NSFW content detected. Try running it again, or try a different prompt.", "sexual"],
    ["The prompt was flagged for violence", "violence"],
    ["content_policy_violation: self-harm", "self-harm"],
    ["Harassment detected", "hate"],
    ["moderation", "other"],
    [undefined, "other"],
  ])("finds the category in %j", (reason, category) => {
    expect(moderationCategoryOf(reason)).toBe(category);
  });
});
