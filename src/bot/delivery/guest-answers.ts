import type { Api, InlineKeyboard } from "grammy";
import type { GenerationRow, GenerationsRepository } from "../../storage/generations-repository.js";
import { markdownToHtml } from "../formatting/markdown-to-html.js";

/** What one inline message holds: guest answers are a single message, so longer text is cut. */
const GUEST_TEXT_CHARS = 3900;

/**
 * Guest mode's one channel back: the guest query is answered once (`answerGuestQuery`), and the
 * inline message it became is edited from then on (a quote turning into its answer).
 */
export function createGuestAnswers(deps: { api: Api; generations: Pick<GenerationsRepository, "update"> }) {
  const { api, generations } = deps;

  async function show(job: GenerationRow, html: string, keyboard?: InlineKeyboard): Promise<void> {
    if (job.inline_message_id !== null) {
      await api.editMessageTextInline(job.inline_message_id, html, { parse_mode: "HTML", reply_markup: keyboard });
      return;
    }
    if (!job.guest_query_id) throw new Error(`job ${job.id} is not a guest job`);
    const sent = await api.answerGuestQuery(job.guest_query_id, {
      type: "article",
      id: `job-${job.id}`,
      title: job.model,
      input_message_content: { message_text: html, parse_mode: "HTML" },
      reply_markup: keyboard,
    });
    job.inline_message_id = sent.inline_message_id;
    await generations.update(job.id, { inline_message_id: sent.inline_message_id });
  }

  return {
    show,
    /** A text answer as one inline message, the footer (already HTML) last. */
    async answer(job: GenerationRow, markdown: string, footer: string): Promise<void> {
      const text = markdown.length > GUEST_TEXT_CHARS ? `${markdown.slice(0, GUEST_TEXT_CHARS)}…` : markdown;
      await show(job, `${markdownToHtml(text)}\n\n<i>${footer}</i>`);
    },
  };
}

export type GuestAnswers = ReturnType<typeof createGuestAnswers>;
