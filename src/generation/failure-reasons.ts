import type { Failure } from "./types.js";

/**
 * The few reasons a user is told when a generation fails. Upstream text never reaches the chat:
 * each provider failure is one of these, and the bot words it in the user's language.
 */
export type UserReason =
  | "busy"
  | "moderation"
  | "unavailable"
  | "timeout"
  | "input"
  | "ours"
  | "document-too-long"
  | "document-unreadable";

const REASON_OF: Record<Exclude<Failure["kind"], "cancelled" | "stopped">, UserReason> = {
  rate_limited: "busy",
  overloaded: "busy",
  moderation: "moderation",
  unavailable: "unavailable",
  network: "unavailable",
  bad_response: "unavailable",
  failed: "unavailable",
  // The operator's key or account: the user can do nothing about it, the admins are alerted.
  auth: "unavailable",
  billing: "unavailable",
  timeout: "timeout",
  deadline: "timeout",
  bad_request: "input",
  undeliverable: "ours",
  interrupted: "ours",
  internal: "ours",
  document_too_long: "document-too-long",
  document_unreadable: "document-unreadable",
};

/** What to tell the user about a failure; `undefined` for a cancel or a Stop (each has its own notice). */
export function userReasonOf(failure: Failure): UserReason | undefined {
  if (failure.kind === "cancelled" || failure.kind === "stopped") return undefined;
  return REASON_OF[failure.kind];
}

/** Failures of the operator's own key or account: the admins must hear of them. */
export function isOperatorFailure(failure: Failure): boolean {
  return failure.kind === "auth" || failure.kind === "billing";
}

/**
 * Moderation categories as providers name them (OpenAI's moderation categories, Replicate's and
 * Luma's NSFW flags), each mapped to one label the bot can translate. Longer patterns first.
 */
const CATEGORIES: readonly [RegExp, ModerationCategory][] = [
  [/sexual[/_ -]?minors|\bcsam\b|\bminors?\b|\bchild/i, "minors"],
  [/self[-_ ]?harm|suicide/i, "self-harm"],
  [/sexual|nsfw|nudity|explicit/i, "sexual"],
  [/hate|harass/i, "hate"],
  [/violen|gore|graphic/i, "violence"],
  [/illicit|illegal|weapon|drug/i, "illicit"],
  [/copyright|trademark|celebrit|public figure|likeness/i, "likeness"],
];

export type ModerationCategory =
  | "minors"
  | "self-harm"
  | "sexual"
  | "hate"
  | "violence"
  | "illicit"
  | "likeness"
  | "other";

/** The provider's moderation category found in its refusal, as one of ours (never its own words). */
export function moderationCategoryOf(reason: string | undefined): ModerationCategory {
  if (!reason) return "other";
  return CATEGORIES.find(([pattern]) => pattern.test(reason))?.[1] ?? "other";
}
