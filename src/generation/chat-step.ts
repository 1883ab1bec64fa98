import type { Transaction } from "kysely";
import type { ModelSpec } from "../catalog/types.js";
import { ProviderError } from "../providers/errors.js";
import type { ChatJobs, ChatMessage, InputFile, SubmitResult } from "../providers/types.js";
import type { GenerationRow } from "../storage/generations-repository.js";
import type { Database } from "../storage/schema.js";
import { clientMessages } from "./client-messages.js";
import {
  DocumentUnreadable,
  documentFormatOf,
  isVisionImage,
  promptWithDocument,
  readDocumentText,
  readImage,
} from "./document-text.js";
import type { EngineDeps } from "./engine.js";
import { deserializeOutputs } from "./outputs.js";
import { contextOf, StoppedByUser, TRANSCRIBE_WITH } from "./types.js";

/** A delivered answer's turn of the conversation, ready to be stored. */
export interface RememberedTurn {
  job: GenerationRow;
  model: ModelSpec;
  answer: string;
  conversationId: number;
}

const HISTORY_TURNS = 20;
const HISTORY_CHARS = 24_000;
const SYSTEM_PROMPT =
  "You are a helpful assistant in a Telegram chat. Answer in the language of the user's message. Use Markdown sparingly.";

/** A text model's run: the conversation so far plus the prompt (or a voice message, transcribed first). */
export function createChatStep(deps: EngineDeps) {
  const { repo, catalog, providers, messages, users, clock, output } = deps;
  const now = () => clock.now().getTime();
  const conversationIdOf = async (userId: number) => (await users.columns(userId, ["conversation_id"])).conversation_id;

  /** A voice message to a text model: transcribed first (priced into the same quote), then answered. */
  async function transcribe(job: GenerationRow, file: InputFile, signal: AbortSignal): Promise<string> {
    const slug = (JSON.parse(job.params) as Record<string, unknown>)[TRANSCRIBE_WITH];
    const stt = catalog.get(String(slug));
    const media = providers.media(stt.route.provider);
    if (!media) throw new ProviderError(stt.route.provider, "unavailable", "provider not configured");
    const result = await media.submit({ route: stt.route, params: {}, file, signal });
    const text = result.status === "done" ? result.outputs.find((o) => o.type === "text")?.text : undefined;
    if (!text?.trim()) throw new ProviderError(stt.route.provider, "bad_response", "no transcript");
    await repo.update(job.id, { prompt: text });
    job.prompt = text;
    return text;
  }

  /**
   * The context of a job that builds on an earlier answer. Regenerate: the history as it was before
   * that answer (the model must not see the answer it is asked to replace). Continue: the history up
   * to and including that answer, or that turn alone when it is not in the current conversation.
   */
  async function withEarlierAnswer(job: GenerationRow, history: ChatMessage[]): Promise<ChatMessage[]> {
    const context = contextOf(job);
    const earlier = context ? await repo.get(context.jobId) : undefined;
    const answer = deserializeOutputs(earlier?.outputs ?? null).find((o) => o.type === "text")?.text;
    if (!context || !earlier || earlier.user_id !== job.user_id || answer === undefined) return history;
    const at = findTurn(history, earlier.prompt ?? "", answer);
    if (context.mode === "regenerate") return at === -1 ? history : history.slice(0, at);
    if (at !== -1) return history.slice(0, at + 2);
    return [
      { role: "user", content: earlier.prompt ?? "" },
      { role: "assistant", content: answer },
    ];
  }

  async function conversationOf(job: GenerationRow, turn: ChatMessage): Promise<ChatMessage[]> {
    const scope = conversationScope(job);
    const turns = scope
      ? await messages.recentInScope(scope, HISTORY_TURNS)
      : await messages.recent(job.user_id, await conversationIdOf(job.user_id), HISTORY_TURNS);
    const history = trimHistory(await withEarlierAnswer(job, turns));
    return [{ role: "system", content: SYSTEM_PROMPT }, ...history, turn];
  }

  /**
   * The user's turn: the prompt, with the picture (vision models) or the document's text that came
   * with it. The picture and the document are not kept in the history: only this request reads them.
   */
  async function userTurn(job: GenerationRow, model: ModelSpec, file?: InputFile): Promise<ChatMessage> {
    const prompt = job.prompt ?? "";
    if (!file) return { role: "user", content: prompt };
    if (model.vision && isVisionImage(file.mime))
      return { role: "user", content: prompt, images: [await readImage(file)] };
    const format = documentFormatOf(file.filename, file.mime);
    if (!format) throw new DocumentUnreadable(`${file.mime} is not a document a text model reads`);
    const text = await readDocumentText(file, format);
    return { role: "user", content: promptWithDocument(file.filename, text, prompt) };
  }

  function chatOf(model: ModelSpec) {
    const chat = providers.chat(model.route.provider);
    if (!chat) throw new ProviderError(model.route.provider, "unavailable", "provider not configured");
    return chat;
  }

  return {
    /** How the model's answers run as upstream jobs (long-thinking models), or undefined when they stream. */
    jobsOf: (model: ModelSpec): ChatJobs | undefined => providers.chat(model.route.provider)?.jobsFor?.(model.route),

    /**
     * A text model's run: streamed to the end now, or — for a model that thinks for minutes — started
     * upstream as a job whose id the runner stores and polls, so a restart does not lose it.
     */
    async submit(job: GenerationRow, model: ModelSpec, signal: AbortSignal, file?: InputFile): Promise<SubmitResult> {
      const chat = chatOf(model);
      const transcribed = job.prompt === null && file !== undefined;
      if (transcribed) await transcribe(job, file, signal);
      const jobs = chat.jobsFor?.(model.route);
      // An API client's own conversation stands in for the bot's history.
      const conversation =
        clientMessages(job) ?? (await conversationOf(job, await userTurn(job, model, transcribed ? undefined : file)));
      if (jobs) return jobs.start({ route: model.route, messages: conversation, signal });
      const started = now();
      let soFar = "";
      try {
        const result = await chat.chat({
          route: model.route,
          messages: conversation,
          signal,
          onText: (textSoFar) => {
            soFar = textSoFar;
            void output.progress(job, { elapsedMs: now() - started, textSoFar }).catch(() => {});
          },
        });
        return { status: "done", outputs: [{ type: "text", text: result.text }] };
      } catch (error) {
        // Stopped after text arrived: what the user already read is the answer (and is charged).
        if (signal.aborted && signal.reason instanceof StoppedByUser && soFar.trim() !== "") {
          return { status: "done", outputs: [{ type: "text", text: soFar, partial: true }] };
        }
        throw error;
      }
    },

    /**
     * After delivery: the turn, in the user's current conversation. Read before the transaction that
     * stores it (`remember`): on SQLite a read outside it would wait for the connection it holds.
     */
    async turnOf(job: GenerationRow, model: ModelSpec, answer: string): Promise<RememberedTurn> {
      return { job, model, answer, conversationId: await conversationIdOf(job.user_id) };
    },

    /** The turn joins the conversation, so the next request has it as context. */
    async remember({ job, model, answer, conversationId }: RememberedTurn, trx: Transaction<Database>) {
      await messages.append(
        job.user_id,
        conversationId,
        [
          { role: "user", content: job.prompt ?? "" },
          { role: "assistant", content: answer },
        ],
        model.slug,
        conversationScope(job),
        trx,
      );
    },
  };
}

/**
 * A group's conversation (one per forum topic) is shared by its members and kept apart from each
 * one's private conversation; a guest answer has no conversation to continue.
 */
export function conversationScope(job: GenerationRow): string | null {
  if (job.guest_query_id) return `guest:${job.id}`;
  if (job.chat_id === job.user_id) return null;
  return `g:${job.chat_id}:${job.thread_id ?? 0}`;
}

/** Where a (prompt, answer) turn starts in the history, the latest one first; -1 when absent. */
function findTurn(history: ChatMessage[], prompt: string, answer: string): number {
  for (let i = history.length - 2; i >= 0; i--) {
    if (history[i]?.content === prompt && history[i + 1]?.content === answer) return i;
  }
  return -1;
}

function trimHistory(turns: ChatMessage[]): ChatMessage[] {
  let total = 0;
  const kept: ChatMessage[] = [];
  for (const turn of [...turns].reverse()) {
    total += turn.content.length;
    if (total > HISTORY_CHARS) break;
    kept.unshift(turn);
  }
  return kept;
}
