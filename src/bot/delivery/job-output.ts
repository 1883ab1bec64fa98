import type { I18n } from "@grammyjs/i18n";
import { type Api, GrammyError, InlineKeyboard } from "grammy";
import type { Catalog } from "../../catalog/catalog.js";
import type { ModelKind } from "../../catalog/types.js";
import type { Failure, JobOutput } from "../../generation/types.js";
import type { Logger } from "../../logger.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import type { UsersRepository } from "../../storage/users-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { type ChatPace, createChatPace } from "./chat-pace.js";
import { deliveryFailure } from "./delivery-errors.js";
import { createInputFetcher } from "./input-files.js";
import { type FileLimits, fileLimits } from "./limits.js";
import { sendMediaOutputs } from "./media-delivery.js";
import { createPartSender } from "./part-sender.js";

export interface JobOutputDeps {
  api: Api;
  i18n: I18n<BotContext>;
  catalog: Catalog;
  users: UsersRepository;
  logger: Logger;
  botToken: string;
  apiRoot: string;
  localApiServer: boolean;
  /** The per-chat pace of drafts, edits and deliveries (one is made when not given). */
  pace?: ChatPace;
}

const DRAFT_MS = 1_200;
const PROGRESS_EDIT_MS = 5_000;

const ACTION: Record<ModelKind, "typing" | "upload_photo" | "upload_video" | "record_voice" | "upload_document"> = {
  text: "typing",
  image: "upload_photo",
  tool: "upload_photo",
  video: "upload_video",
  music: "record_voice",
  tts: "record_voice",
  audio: "record_voice",
  stt: "typing",
};

/** The chat side of generation jobs: progress, streaming drafts, delivery and failure notices. */
export function createJobOutput(deps: JobOutputDeps): JobOutput {
  const { api, i18n, catalog, users, logger } = deps;
  const limits: FileLimits = fileLimits(deps.localApiServer);
  const pace = deps.pace ?? createChatPace();
  const drafts = new Map<number, { at: number; off: boolean }>();
  let draftsSupported = true;
  const edits = new Map<number, { at: number; text: string }>();
  /** Jobs whose result or failure notice went out: a late progress tick must not bring "working…" back. */
  const closed = new Set<number>();
  const close = (id: number) => {
    drafts.delete(id);
    edits.delete(id);
    closed.add(id);
    // Late ticks arrive within seconds; the id need not be remembered for ever.
    setTimeout(() => closed.delete(id), 60_000).unref();
  };

  /** A status in the chat header: dropped while the chat backs off from a flood wait, never retried. */
  const chatAction = (chatId: number, action: Parameters<Api["sendChatAction"]>[1]) =>
    pace.optional(chatId, () => api.sendChatAction(chatId, action), { ignoreGap: true }).catch(() => {});

  async function translator(userId: number) {
    const user = await users.get(userId);
    return (key: string, vars?: Record<string, string | number>) => i18n.t(user.locale, key, vars);
  }

  function progressText(
    t: (k: string, v?: Record<string, string | number>) => string,
    job: GenerationRow,
    elapsedMs: number,
    progress?: number,
  ) {
    const name = escapeHtml(catalog.get(job.model).name);
    const seconds = Math.floor(elapsedMs / 1000);
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    return t("progress", {
      name,
      elapsed: clock,
      percent: progress === undefined || progress === null ? "" : ` · ${Math.round(progress)}%`,
    });
  }

  function cancelKeyboard(t: (k: string) => string, job: GenerationRow) {
    return new InlineKeyboard().text(t("btn-cancel"), cb.cancel.pack({ id: String(job.id) }));
  }

  return {
    async started(job) {
      const kind = job.kind as ModelKind;
      await chatAction(job.chat_id, ACTION[kind]);
      if (kind === "text" && job.quote_message_id === null) return undefined;
      const t = await translator(job.user_id);
      const text = progressText(t, job, 0);
      const options = { parse_mode: "HTML" as const, reply_markup: cancelKeyboard(t, job) };
      edits.set(job.id, { at: Date.now(), text });
      // The confirmed quote becomes the progress message: one message per request.
      // Paced: a chat under a flood wait starts its job without a progress message rather than wait.
      const paced = <T>(call: () => Promise<T>) => pace.optional(job.chat_id, call, { ignoreGap: true });
      if (job.quote_message_id !== null) {
        const edited = await paced(() =>
          api.editMessageText(job.chat_id, job.quote_message_id ?? 0, text, options),
        ).then(
          (result) => result !== undefined,
          () => false,
        );
        if (edited) return job.quote_message_id;
      }
      const message = await paced(() => api.sendMessage(job.chat_id, text, options));
      return message?.message_id;
    },

    async progress(job, info) {
      if (closed.has(job.id)) return;
      const kind = job.kind as ModelKind;
      if (info.textSoFar !== undefined) {
        const state = drafts.get(job.id) ?? { at: 0, off: false };
        if (!draftsSupported || state.off || Date.now() - state.at < DRAFT_MS || info.textSoFar.trim() === "") return;
        state.at = Date.now();
        drafts.set(job.id, state);
        // Drafts are a preview: plain text, cut to the limit; the final answer is sent as HTML. A 429 backs
        // the chat's pace off (the next frame simply waits); other errors stop drafts for this job.
        const frame = info.textSoFar.slice(-4000);
        await pace
          .optional(job.chat_id, () => api.sendMessageDraft(job.chat_id, job.id, frame))
          .catch((error) => {
            state.off = true;
            // A Bot API server without drafts (older, or self-hosted) is not asked again.
            if (error instanceof GrammyError && error.error_code === 404) draftsSupported = false;
            logger.debug({ err: error }, "drafts disabled for this job");
          });
        return;
      }
      await chatAction(job.chat_id, ACTION[kind]);
      if (job.progress_message_id === null) return;
      const last = edits.get(job.id);
      if (last && Date.now() - last.at < PROGRESS_EDIT_MS) return;
      const t = await translator(job.user_id);
      const text = progressText(t, job, info.elapsedMs, info.progress);
      if (last?.text === text || closed.has(job.id)) return;
      edits.set(job.id, { at: Date.now(), text });
      const messageId = job.progress_message_id;
      await pace
        .optional(job.chat_id, () =>
          api.editMessageText(job.chat_id, messageId, text, {
            parse_mode: "HTML",
            reply_markup: cancelKeyboard(t, job),
          }),
        )
        .catch(() => {});
    },

    async deliver(job, outputs, receipt, parts) {
      close(job.id);
      const part = createPartSender(pace, job.chat_id, parts);
      // An upload can take a while: the chat shows what is coming meanwhile (sound is uploaded, not recorded).
      const action = ACTION[job.kind as ModelKind];
      if (job.kind !== "text") await chatAction(job.chat_id, action === "record_voice" ? "upload_voice" : action);
      const t = await translator(job.user_id);
      const footer = escapeHtml(t("answer-footer", { price: receipt.price, balance: receipt.balance }));
      if (job.progress_message_id !== null && parts.done === 0)
        await api.deleteMessage(job.chat_id, job.progress_message_id).catch(() => {});
      try {
        if (job.kind === "text" && job.inputs && job.prompt) {
          // A voice message answered by a text model: show what was heard first.
          const heard = escapeHtml(job.prompt.length > 3500 ? `${job.prompt.slice(0, 3500)}…` : job.prompt);
          await part(() =>
            api.sendMessage(job.chat_id, t("transcript-heard", { text: heard }), { parse_mode: "HTML" }),
          );
        }
        await sendMediaOutputs({ api, job, outputs, footer, limits, t, logger, part });
      } catch (error) {
        throw deliveryFailure(error);
      }
    },

    async failed(job, failure: Failure) {
      close(job.id);
      const t = await translator(job.user_id);
      const name = escapeHtml(catalog.get(job.model).name);
      const reason = failure.reason ? escapeHtml(failure.reason.slice(0, 300)) : t(`reason-${failure.kind}`);
      const text =
        failure.kind === "cancelled"
          ? t("error-cancelled")
          : failure.kind === "moderation"
            ? t("error-provider-moderation", { name, reason })
            : t("error-provider", {
                name,
                reason: t(`reason-${failure.kind}`) + (failure.reason ? `: ${reason}` : ""),
              });
      const messageId = job.progress_message_id;
      if (messageId !== null) {
        const edited = await pace
          .required(job.chat_id, () => api.editMessageText(job.chat_id, messageId, text, { parse_mode: "HTML" }))
          .then(
            () => true,
            () => false,
          );
        if (edited) return;
      }
      await pace.required(job.chat_id, () => api.sendMessage(job.chat_id, text, { parse_mode: "HTML" }));
    },

    fetchInput: createInputFetcher(deps, limits),
  };
}
