import { describe, expect, it } from "vitest";
import { failureNotice } from "../../../src/bot/delivery/failure-notice.js";
import { createI18n, LOCALES } from "../../../src/bot/i18n.js";
import type { Failure } from "../../../src/generation/types.js";
import type { GenerationRow } from "../../../src/storage/generations-repository.js";

const i18n = createI18n("en");
const job = { id: 42, model: "gpt-5-nano" } as GenerationRow;
const KINDS: Failure["kind"][] = [
  "timeout",
  "rate_limited",
  "overloaded",
  "unavailable",
  "auth",
  "billing",
  "moderation",
  "bad_request",
  "bad_response",
  "network",
  "failed",
  "deadline",
  "undeliverable",
  "interrupted",
  "internal",
];
const UPSTREAM = "Incorrect API key provided: sk-live-XYZ. The server had an error while processing your request.";

describe.each(LOCALES)("failure notices in %s", (locale) => {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

  it.each(KINDS)("%s: a translated reason naming the model, no upstream words, and Retry", (kind) => {
    const notice = failureNotice(t, job, { kind, reason: UPSTREAM, provider: "openai" });
    expect(notice.text).toContain("gpt-5-nano");
    expect(notice.text).not.toMatch(/ux-|sk-|Incorrect|server had an error/);
    expect(notice.keyboard?.inline_keyboard.flat().map((b) => "callback_data" in b && b.callback_data)).toEqual([
      "rt:42",
    ]);
  });

  it("names the moderation category in the user's language", () => {
    const notice = failureNotice(t, job, { kind: "moderation", reason: "flagged: violence/graphic" });
    expect(notice.text).toContain(t("ux-category-violence"));
    expect(t("ux-category-violence")).not.toBe("ux-category-violence");
  });

  it("has no Retry for a cancel: in the user's own chat a way back to the menu, in a group nothing", () => {
    const own = { ...job, chat_id: 7, user_id: 7 };
    const buttons = failureNotice(t, own, { kind: "cancelled" }).keyboard?.inline_keyboard.flat();
    expect(buttons?.map((b) => "callback_data" in b && b.callback_data)).toEqual(["menu:main"]);
    expect(failureNotice(t, { ...job, chat_id: -100, user_id: 7 }, { kind: "cancelled" }).keyboard).toBeUndefined();
  });
});
