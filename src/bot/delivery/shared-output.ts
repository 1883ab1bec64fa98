import type { Api, InlineKeyboard } from "grammy";
import type { DeliveryParts, OpenedOutput } from "../../generation/types.js";
import type { Logger } from "../../logger.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { escapeHtml } from "../formatting/html.js";
import type { ChatPace } from "./chat-pace.js";
import { type createGroupPace, placedFor } from "./group-placement.js";
import type { GuestAnswers } from "./guest-answers.js";
import type { FileLimits } from "./limits.js";
import { sendMediaOutputs } from "./media-delivery.js";
import { createPartSender } from "./part-sender.js";
import type { AnswerSender } from "./rich-answers.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Groups have no drafts: a streaming answer edits one message, at most this often. */
const GROUP_STREAM_MS = 5_000;
const GROUP_PROGRESS_EDIT_MS = 10_000;
const GROUP_STREAM_CHARS = 3_500;

/** What the private-chat output shares with the group and guest paths. */
export interface SharedOutputDeps {
  api: Api;
  logger: Logger;
  limits: FileLimits;
  /** The per-chat pace every delivery goes through (flood waits, gaps between edits). */
  pace: ChatPace;
  /** On top of it, a group's minute budget: progress only takes what answers leave. */
  groupPace: ReturnType<typeof createGroupPace>;
  guests: GuestAnswers;
  answers: AnswerSender;
  edits: () => Map<number, { at: number; text: string }>;
  closed: (jobId: number) => boolean;
  translator: (userId: number) => Promise<Translate>;
  progressText: (t: Translate, job: GenerationRow, elapsedMs: number, progress?: number) => string;
  cancelKeyboard: (t: Translate, job: GenerationRow) => InlineKeyboard;
  action: (job: GenerationRow) => "typing" | "upload_photo" | "upload_video" | "record_voice" | "upload_document";
}

/** Jobs asked in a group or as a guest: progress, streaming and results where the asker is not alone. */
export function createSharedOutput(deps: SharedOutputDeps) {
  const { api, logger, limits, pace, groupPace, guests, answers, translator, progressText, cancelKeyboard } = deps;

  /** In a group: a progress message replying to the prompt (drafts are private-only), paced. */
  async function startedInGroup(job: GenerationRow): Promise<number | undefined> {
    await pace
      .optional(job.chat_id, () => api.sendChatAction(job.chat_id, deps.action(job)), { ignoreGap: true })
      .catch(() => {});
    const t = await translator(job.user_id);
    const text = progressText(t, job, 0);
    deps.edits().set(job.id, { at: Date.now(), text });
    groupPace.note(job.chat_id);
    // A group under a flood wait starts the job without a progress message rather than wait.
    const message = await pace.optional(
      job.chat_id,
      () => api.sendMessage(job.chat_id, text, { parse_mode: "HTML", reply_markup: cancelKeyboard(t, job) }),
      { ignoreGap: true },
    );
    return message?.message_id;
  }

  /** Streaming in a group edits the progress message every few seconds, within the group's budget. */
  async function progressInGroup(
    job: GenerationRow,
    info: { elapsedMs: number; progress?: number; textSoFar?: string },
  ) {
    if (job.progress_message_id === null) return;
    const last = deps.edits().get(job.id);
    const every = info.textSoFar === undefined ? GROUP_PROGRESS_EDIT_MS : GROUP_STREAM_MS;
    if (last && Date.now() - last.at < every) return;
    const t = await translator(job.user_id);
    const partial = info.textSoFar?.trim();
    const text = partial
      ? escapeHtml(partial.length > GROUP_STREAM_CHARS ? `…${partial.slice(-GROUP_STREAM_CHARS)}` : partial)
      : progressText(t, job, info.elapsedMs, info.progress);
    if (last?.text === text || deps.closed(job.id) || !groupPace.allow(job.chat_id)) return;
    deps.edits().set(job.id, { at: Date.now(), text });
    const messageId = job.progress_message_id;
    await pace
      .optional(job.chat_id, () =>
        api.editMessageText(job.chat_id, messageId, text, { parse_mode: "HTML", reply_markup: cancelKeyboard(t, job) }),
      )
      .catch(() => {});
  }

  /**
   * A result asked for in a group or as a guest: the footer names the model but never the asker's
   * balance (the chat is not theirs alone). In a group it replies to the prompt, in its topic.
   */
  async function deliverShared(job: GenerationRow, outputs: OpenedOutput[], parts: DeliveryParts) {
    const t = await translator(job.user_id);
    const footer = escapeHtml(t("groups-answer-footer", { model: job.model }));
    if (job.guest_query_id) {
      const text = outputs.map((o) => o.output).find((o) => o.type === "text");
      if (text?.type !== "text") throw new Error("guest answers carry text only");
      return guests.answer(job, text.text, footer);
    }
    groupPace.note(job.chat_id);
    if (job.progress_message_id !== null && parts.done === 0)
      await api.deleteMessage(job.chat_id, job.progress_message_id).catch(() => {});
    const part = createPartSender(pace, job.chat_id, parts);
    const sendAnswer = (markdown: string, end?: string) => answers.answer(job.chat_id, markdown, end, part);
    await placedFor(job, () => sendMediaOutputs({ api, job, outputs, footer, limits, t, logger, part, sendAnswer }));
  }

  return { startedInGroup, progressInGroup, deliverShared };
}
