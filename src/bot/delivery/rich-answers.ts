import { type Api, GrammyError, type InlineKeyboard } from "grammy";
import type { Logger } from "../../logger.js";
import { prepareRichMarkdown, splitRichMarkdown } from "../formatting/rich-markdown.js";
import { textParts } from "./media-delivery.js";
import type { PartSender } from "./part-sender.js";

/** What a draft shows: the answer so far, or a "thinking" placeholder before the first text. */
export type DraftContent = { markdown: string } | { thinking: string };

/** Plain-text drafts are cut to what one message holds; the final answer is rendered properly. */
const HTML_DRAFT_CHARS = 4000;

/**
 * How text answers reach the chat. A Bot API server with rich messages (10.1) gets the model's
 * Markdown as it is (`sendRichMessage`, drafts with `sendRichMessageDraft`); one that answers 404
 * for them (an older self-hosted server) gets today's HTML path from then on. Every draft has the
 * Stop button (`can_stop`), whichever path it takes.
 */
export function createAnswerSender(deps: { api: Api; logger: Logger }) {
  const { api, logger } = deps;
  let rich = true;
  let htmlDrafts = true;

  const missing = (error: unknown) => error instanceof GrammyError && error.error_code === 404;
  const noRich = (error: unknown) => {
    rich = false;
    logger.warn({ err: error }, "the Bot API server has no rich messages: answers go out as HTML from now on");
  };

  return {
    /** Whether answers still go out as rich messages. */
    get rich() {
      return rich;
    },

    /** One frame of a streaming answer; every draft goes through here. Throws what the server answered. */
    async draft(chatId: number, draftId: number, content: DraftContent): Promise<void> {
      if (rich) {
        const message =
          "markdown" in content
            ? { markdown: splitRichMarkdown(prepareRichMarkdown(content.markdown)).at(-1) ?? "" }
            : { blocks: [{ type: "thinking" as const, text: content.thinking }] };
        try {
          await api.sendRichMessageDraft(chatId, draftId, message, { can_stop: true });
          return;
        } catch (error) {
          if (!missing(error)) throw error;
          noRich(error);
        }
      }
      if (!htmlDrafts) return;
      // An empty text shows Telegram's own "Thinking…" placeholder.
      const text = "markdown" in content ? content.markdown.slice(-HTML_DRAFT_CHARS) : "";
      await api.sendMessageDraft(chatId, draftId, text, { can_stop: true }).catch((error) => {
        // A server without drafts at all is not asked again.
        if (missing(error)) htmlDrafts = false;
        throw error;
      });
    },

    /**
     * The final answer: one rich message when it fits the rich limits, more only past them; the
     * footer (already-escaped HTML) is its last block. A rich message the server refuses for any
     * other reason than a missing method is sent as HTML this once, so the answer is never lost.
     */
    async answer(
      chatId: number,
      markdown: string,
      footer?: string,
      send?: PartSender,
      keyboard?: InlineKeyboard,
    ): Promise<void> {
      // Each message is the next part of the result: delivered parts are skipped on a retry, floods waited out.
      const part = send ?? ((call: () => Promise<unknown>) => call().then(() => {}));
      if (rich) {
        const parts = splitRichMarkdown(
          prepareRichMarkdown(markdown),
          footer === undefined ? undefined : `<footer>${footer}</footer>`,
        );
        let sent = 0;
        try {
          for (const piece of parts) {
            // The actions go under the last part: they act on the whole answer.
            const markup = sent === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {};
            await part(() => api.sendRichMessage(chatId, { markdown: piece }, markup));
            sent += 1;
          }
          return;
        } catch (error) {
          // Half an answer already out: sending it all again as HTML would repeat it.
          if (sent > 0) throw error;
          send?.rewind();
          if (missing(error)) noRich(error);
          else logger.warn({ err: error }, "rich message refused: this answer goes out as HTML");
        }
      }
      const texts = textParts(markdown, "text", footer);
      for (const [i, text] of texts.entries()) {
        const markup = i === texts.length - 1 ? keyboard : undefined;
        await part(() =>
          api.sendMessage(chatId, text, {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            reply_markup: markup,
          }),
        );
      }
    },
  };
}

export type AnswerSender = ReturnType<typeof createAnswerSender>;
