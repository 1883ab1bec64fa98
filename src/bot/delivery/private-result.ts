import type { Api, InlineKeyboard } from "grammy";
import type { Catalog } from "../../catalog/catalog.js";
import { type DeliveryParts, type OpenedOutput, type Receipt, TRANSCRIBE_WITH } from "../../generation/types.js";
import type { Logger } from "../../logger.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { escapeHtml } from "../formatting/html.js";
import type { ChatPace } from "./chat-pace.js";
import { deliveryFailure } from "./delivery-errors.js";
import type { FileLimits } from "./limits.js";
import { sendMediaOutputs } from "./media-delivery.js";
import { createPartSender } from "./part-sender.js";
import { createResultKeyboards } from "./result-actions.js";
import type { AnswerSender } from "./rich-answers.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface PrivateResultDeps {
  api: Api;
  catalog: Catalog;
  logger: Logger;
  limits: FileLimits;
  pace: ChatPace;
  answers: AnswerSender;
}

/** A text job that started from a voice message: its prompt is what the speech model heard. */
function isTranscribed(job: GenerationRow): boolean {
  try {
    return TRANSCRIBE_WITH in (JSON.parse(job.params) as Record<string, unknown>);
  } catch {
    return false;
  }
}

/**
 * A result in the user's own chat: it replaces the progress message (unless the user deleted that),
 * its footer names the model, the price and the balance, and the result's actions go under it.
 */
export function createPrivateResult(deps: PrivateResultDeps) {
  const { api, catalog, logger, limits, pace, answers } = deps;
  return async function deliverPrivate(
    job: GenerationRow,
    outputs: OpenedOutput[],
    receipt: Receipt,
    parts: DeliveryParts,
    { t, progressGone }: { t: Translate; progressGone: boolean },
  ): Promise<void> {
    const part = createPartSender(pace, job.chat_id, parts);
    // The model that answered is named on every answer: a user never wonders which one it was.
    const footer = escapeHtml(
      t("ux-answer-footer", { model: job.model, price: receipt.price, balance: receipt.balance }),
    );
    if (job.progress_message_id !== null && !progressGone && parts.done === 0)
      await api.deleteMessage(job.chat_id, job.progress_message_id).catch(() => {});
    // An answer the user stopped says so where the price is.
    const stopped = outputs.some((o) => o.output.type === "text" && o.output.partial);
    const shown = stopped ? `${escapeHtml(t("stop-footer"))} ${footer}` : footer;
    const sendAnswer = (markdown: string, end?: string, keyboard?: InlineKeyboard) =>
      answers.answer(job.chat_id, markdown, end, part, keyboard);
    const keyboards = createResultKeyboards(catalog, t);
    // Actions under every result: on each photo its own, and the job's under the last result.
    const keyboardFor = (index: number, method: string, last: boolean) => {
      if (method === "photo") return keyboards.photo(job, index, last);
      if (!last) return undefined;
      return job.kind === "text" ? keyboards.text(job) : keyboards.media(job);
    };
    try {
      // A voice message answered by a text model shows what was heard first; a typed prompt is not echoed.
      if (job.kind === "text" && job.prompt && isTranscribed(job)) {
        const heard = escapeHtml(job.prompt.length > 3500 ? `${job.prompt.slice(0, 3500)}…` : job.prompt);
        await part(() => api.sendMessage(job.chat_id, t("transcript-heard", { text: heard }), { parse_mode: "HTML" }));
      }
      await sendMediaOutputs({ api, job, outputs, footer: shown, limits, t, logger, part, sendAnswer, keyboardFor });
    } catch (error) {
      throw deliveryFailure(error);
    }
  };
}
