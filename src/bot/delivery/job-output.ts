import type { I18n } from "@grammyjs/i18n";
import type { Api, InlineKeyboard } from "grammy";
import type { Catalog } from "../../catalog/catalog.js";
import type { ModelKind } from "../../catalog/types.js";
import type { Failure, JobOutput } from "../../generation/types.js";
import type { Logger } from "../../logger.js";
import type { GenerationRow, GenerationsRepository } from "../../storage/generations-repository.js";
import type { UsersRepository } from "../../storage/users-repository.js";
import type { BotContext } from "../context.js";
import type { Lanes } from "../middlewares/update-lanes.js";
import { type ChatPace, createChatPace } from "./chat-pace.js";
import { isMessageGone } from "./delivery-errors.js";
import { createDraftSchedule } from "./draft-schedule.js";
import { failureNotice } from "./failure-notice.js";
import { createGroupPace, groupPlacement, isGroupJob, placedFor } from "./group-placement.js";
import { createGuestAnswers } from "./guest-answers.js";
import { createInputFetcher } from "./input-files.js";
import { type FileLimits, fileLimits } from "./limits.js";
import type { OperatorAlerts } from "./operator-alerts.js";
import { createPrivateResult } from "./private-result.js";
import { CHAT_ACTION, createProgressMessage } from "./progress-message.js";
import { createAnswerSender } from "./rich-answers.js";
import { createSharedOutput } from "./shared-output.js";

export interface JobOutputDeps {
  api: Api;
  i18n: I18n<BotContext>;
  catalog: Catalog;
  users: UsersRepository;
  generations: Pick<GenerationsRepository, "update">;
  logger: Logger;
  botToken: string;
  apiRoot: string;
  localApiServer: boolean;
  alerts: OperatorAlerts;
  /** Lanes shared with updates: a job's start and its delivery each wait for one (see update-lanes.ts). */
  lanes?: Lanes;
  /** The per-chat pace of drafts, edits and deliveries (one is made when not given). */
  pace?: ChatPace;
}

const PROGRESS_EDIT_MS = 5_000;

/** The chat side of generation jobs: progress, streaming drafts, delivery and failure notices. */
export function createJobOutput(deps: JobOutputDeps): JobOutput {
  const { api, i18n, catalog, users, logger } = deps;
  const limits: FileLimits = fileLimits(deps.localApiServer);
  const pace = deps.pace ?? createChatPace();
  const answers = createAnswerSender({ api, logger });
  const { thinks, text: progressText, cancelKeyboard } = createProgressMessage(catalog);
  const deliverPrivate = createPrivateResult({ api, catalog, logger, limits, pace, answers });
  api.config.use(groupPlacement);
  const guests = createGuestAnswers({ api, generations: deps.generations });
  // The group and guest paths share this output's state and helpers, read when they are called.
  const shared = createSharedOutput({
    api,
    logger,
    limits,
    pace,
    groupPace: createGroupPace(),
    guests,
    answers,
    edits: () => edits,
    closed: (id) => closed.has(id),
    translator: (id) => translator(id),
    progressText,
    cancelKeyboard,
    action: (job) => CHAT_ACTION[job.kind as ModelKind],
  });
  /** Every draft of a job goes out here: its id is the job's, so a Stop names the job. */
  const drafts = createDraftSchedule({
    pace,
    logger,
    send: (chatId, jobId, content) => answers.draft(chatId, jobId, content),
  });
  const edits = new Map<number, { at: number; text: string }>();
  /** Jobs whose result or failure notice went out: a late progress tick must not bring "working…" back. */
  const closed = new Set<number>();
  /** Jobs whose progress message the user deleted: it is not edited again, and what follows is sent anew. */
  const gone = new Set<number>();
  /** The job's result or failure notice goes out now: after any draft on its way, and before none. */
  const close = (id: number) => {
    const settled = drafts.close(id);
    edits.delete(id);
    closed.add(id);
    // Late ticks arrive within seconds; the id need not be remembered for ever.
    setTimeout(() => {
      closed.delete(id);
      gone.delete(id);
    }, 60_000).unref();
    return settled;
  };
  const noteGone = (job: GenerationRow) => (error: unknown) => {
    if (isMessageGone(error)) gone.add(job.id);
  };

  /** A status in the chat header: dropped while the chat backs off from a flood wait, never retried. */
  const chatAction = (chatId: number, action: Parameters<Api["sendChatAction"]>[1]) =>
    pace.optional(chatId, () => api.sendChatAction(chatId, action), { ignoreGap: true }).catch(() => {});

  async function translator(userId: number) {
    const { locale } = await users.columns(userId, ["locale"]);
    return (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  }

  const output: JobOutput = {
    async started(job) {
      const kind = job.kind as ModelKind;
      // A guest answer is one inline message: nothing to show before it.
      if (job.guest_query_id) return undefined;
      if (isGroupJob(job)) return placedFor(job, () => shared.startedInGroup(job));
      await chatAction(job.chat_id, CHAT_ACTION[kind]);
      const t = await translator(job.user_id);
      // A streamed answer shows itself as drafts (see draft-schedule.ts), with a placeholder whose Stop
      // button works before the first word arrives; a model that thinks for minutes gets a progress message.
      if (kind === "text" && !thinks(job)) {
        drafts.start(job.chat_id, job.id, { thinking: t("stop-thinking") });
        if (job.quote_message_id === null) return undefined;
      }
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
      if (closed.has(job.id) || job.guest_query_id) return;
      if (isGroupJob(job)) return shared.progressInGroup(job, info);
      const kind = job.kind as ModelKind;
      if (info.textSoFar !== undefined) return drafts.text(job.chat_id, job.id, info.textSoFar);
      await chatAction(job.chat_id, CHAT_ACTION[kind]);
      if (job.progress_message_id === null || gone.has(job.id)) return;
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
        .catch(noteGone(job));
    },

    async deliver(job, outputs, receipt, parts) {
      await close(job.id);
      if (job.guest_query_id || isGroupJob(job)) return shared.deliverShared(job, outputs, parts);
      // An upload can take a while: the chat shows what is coming meanwhile (sound is uploaded, not recorded).
      const action = CHAT_ACTION[job.kind as ModelKind];
      if (job.kind !== "text") await chatAction(job.chat_id, action === "record_voice" ? "upload_voice" : action);
      const t = await translator(job.user_id);
      await deliverPrivate(job, outputs, receipt, parts, { t, progressGone: gone.has(job.id) });
    },

    async failed(job, failure: Failure) {
      await close(job.id);
      await deps.alerts.notify(failure, job.model);
      const t = await translator(job.user_id);
      const notice = failureNotice(t, job, failure);
      if (job.guest_query_id) return guests.show(job, notice.text);
      return placedFor(job, () => showFailure(job, notice));
    },

    fetchInput: createInputFetcher(deps, limits),
  };
  const lanes = deps.lanes;
  if (!lanes) return output;
  // A job starts, and delivers, in a lane: under load the jobs wait their turn there instead of all
  // running at once, so a payment query keeps the event loop to itself for a moment.
  return {
    ...output,
    started: (job) => lanes.run(() => output.started(job)),
    deliver: (job, outputs, receipt, parts) => lanes.run(() => output.deliver(job, outputs, receipt, parts)),
  };

  /** The failure notice replaces the progress message (in a group, replying to the prompt). */
  async function showFailure(job: GenerationRow, notice: { text: string; keyboard?: InlineKeyboard }) {
    const options = { parse_mode: "HTML" as const, reply_markup: notice.keyboard };
    // The notice replaces the progress message; if the user deleted that, it comes as a new message.
    const messageId = job.progress_message_id;
    if (messageId !== null && !gone.has(job.id)) {
      const edited = await pace
        .required(job.chat_id, () => api.editMessageText(job.chat_id, messageId, notice.text, options))
        .then(
          () => true,
          () => false,
        );
      if (edited) return;
    }
    await pace.required(job.chat_id, () => api.sendMessage(job.chat_id, notice.text, options));
  }
}
