import type { ModelSpec } from "../catalog/types.js";
import { ProviderError } from "../providers/errors.js";
import type { ChatJobs, ChatMessage, InputFile, SubmitResult } from "../providers/types.js";
import type { GenerationRow } from "../storage/generations-repository.js";
import { clientMessages } from "./client-messages.js";
import type { EngineDeps } from "./engine.js";
import { StoppedByUser, TRANSCRIBE_WITH } from "./types.js";

const HISTORY_TURNS = 20;
const HISTORY_CHARS = 24_000;
const SYSTEM_PROMPT =
  "You are a helpful assistant in a Telegram chat. Answer in the language of the user's message. Use Markdown sparingly.";

/** A text model's run: the conversation so far plus the prompt (or a voice message, transcribed first). */
export function createChatStep(deps: EngineDeps) {
  const { repo, catalog, providers, messages, users, clock, output } = deps;
  const now = () => clock.now().getTime();

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

  async function conversationOf(job: GenerationRow): Promise<ChatMessage[]> {
    const user = await users.get(job.user_id);
    const scope = conversationScope(job);
    const turns = scope
      ? await messages.recentInScope(scope, HISTORY_TURNS)
      : await messages.recent(user.id, user.conversation_id, HISTORY_TURNS);
    const history = trimHistory(turns);
    return [{ role: "system", content: SYSTEM_PROMPT }, ...history, { role: "user", content: job.prompt ?? "" }];
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
      if (job.prompt === null && file) await transcribe(job, file, signal);
      const jobs = chat.jobsFor?.(model.route);
      // An API client's own conversation stands in for the bot's history.
      const conversation = clientMessages(job) ?? (await conversationOf(job));
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

    /** After delivery: the turn joins the conversation, so the next request has it as context. */
    async remember(job: GenerationRow, model: ModelSpec, answer: string) {
      const user = await users.get(job.user_id);
      await messages.append(
        job.user_id,
        user.conversation_id,
        [
          { role: "user", content: job.prompt ?? "" },
          { role: "assistant", content: answer },
        ],
        model.slug,
        conversationScope(job),
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
