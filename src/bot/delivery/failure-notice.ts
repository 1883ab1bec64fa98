import { InlineKeyboard } from "grammy";
import { DOCUMENT_LIMITS } from "../../generation/document-text.js";
import { moderationCategoryOf, userReasonOf } from "../../generation/failure-reasons.js";
import type { Failure } from "../../generation/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import { escapeHtml } from "../formatting/html.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * What a user is told when a job ends without a result: one of a few localized reasons naming the
 * model, never the upstream's own words, and a Retry button that quotes the same request again.
 * The button names the stored job, so it still works after a restart.
 */
export function failureNotice(t: Translate, job: GenerationRow, failure: Failure) {
  const reason = userReasonOf(failure);
  if (!reason) {
    const text = t(failure.kind === "stopped" ? "stop-before-text" : "error-cancelled");
    // In the user's own chat (its id is theirs) a way back to the menu; a group has no menu.
    if (job.chat_id !== job.user_id) return { text };
    return { text, keyboard: new InlineKeyboard().text(t("btn-main-menu"), cb.menu.pack({ screen: "main" })) };
  }
  // The file itself is the problem: trying it again would fail the same way, so no Retry button.
  if (reason === "document-too-long") {
    return {
      text: t("vision-document-too-long", {
        chars: DOCUMENT_LIMITS.chars.toLocaleString("en-US"),
        mb: DOCUMENT_LIMITS.bytes / 1024 / 1024,
      }),
    };
  }
  if (reason === "document-unreadable") return { text: t("vision-document-unreadable") };
  const model = escapeHtml(job.model);
  const category = reason === "moderation" ? t(`ux-category-${moderationCategoryOf(failure.reason)}`) : "";
  const text = t(`ux-failed-${reason}`, { model, category });
  const keyboard = new InlineKeyboard().text(t("ux-btn-retry"), cb.retry.pack({ id: String(job.id) }));
  return { text, keyboard };
}
