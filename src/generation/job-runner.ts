import { holdKeyOf } from "./hold-key.js";
import { ProviderError } from "../providers/errors.js";
import type { ModelSpec } from "../catalog/types.js";
import type { ChatMessage, InputFile, MediaOutput } from "../providers/types.js";
import type { GenerationRow } from "../storage/generations-repository.js";
import type { EngineDeps } from "./engine.js";
import { CHAT_ACTION_MS, nextPollDelayMs } from "./job-timing.js";
import { deserializeOutputs, openOutputs, serializeOutputs } from "./outputs.js";
import { type Failure, type InputRef, TRANSCRIBE_WITH } from "./types.js";

const HISTORY_TURNS = 20;
const HISTORY_CHARS = 24_000;
const SYSTEM_PROMPT =
  "You are a helpful assistant in a Telegram chat. Answer in the language of the user's message. Use Markdown sparingly.";

/** Drives jobs through their states; every step is a compare-and-set, so it is safe to repeat after a restart. */
export function createJobRunner(deps: EngineDeps) {
  const { repo, ledger, catalog, providers, messages, users, clock, logger, output } = deps;
  const running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  let pollTimer: NodeJS.Timeout | undefined;
  const now = () => clock.now().getTime();

  /** Runs `step` for a job unless one is already running for it in this process. */
  function track(id: number, step: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const existing = running.get(id);
    if (existing) return existing.done;
    const abort = new AbortController();
    const done = step(abort.signal)
      .catch((error) => logger.error({ err: error, generation: id }, "job step crashed"))
      .finally(() => running.delete(id));
    running.set(id, { abort, done });
    return done;
  }

  async function execute(id: number, signal: AbortSignal): Promise<void> {
    const job = await repo.get(id);
    if (!job) return;
    switch (job.status) {
      case "held":
      case "submitted":
        return submit(job, signal);
      case "polling":
        return pollOnce(job, signal);
      case "delivering":
        return deliver(job);
      case "delivered":
        return capture(job);
      case "failed":
        return release(job);
    }
  }

  async function submit(job: GenerationRow, signal: AbortSignal) {
    if (!(await repo.transition(job.id, ["held", "submitted"], { status: "submitted" }))) return;
    const model = catalog.get(job.model);
    const ticker = startTicker(job);
    try {
      if (job.progress_message_id === null) {
        const messageId = await output.started(job).catch(() => undefined);
        if (messageId !== undefined) {
          await repo.update(job.id, { progress_message_id: messageId });
          job.progress_message_id = messageId;
        }
      }
      const files = await fetchInputs(job);
      if (model.kind === "text") return await finish(job, await runChat(job, model, signal, files[0]));
      const media = providers.media(model.route.provider);
      if (!media) throw new ProviderError(model.route.provider, "unavailable", "provider not configured");
      const result = await media.submit({
        route: model.route,
        prompt: job.prompt ?? undefined,
        params: upstreamParams(job),
        file: files[0],
        file2: files[1],
        signal,
      });
      if (result.status === "done") return await finish(job, result.outputs);
      await repo.transition(job.id, ["submitted"], {
        status: "polling",
        provider_job_id: result.jobId,
        progress: result.progress ?? null,
        next_poll_at: now() + nextPollDelayMs(0),
      });
    } catch (error) {
      await fail(job, toFailure(error, signal));
    } finally {
      ticker.stop();
    }
  }

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

  async function runChat(job: GenerationRow, model: ModelSpec, signal: AbortSignal, file?: InputFile): Promise<MediaOutput[]> {
    const chat = providers.chat(model.route.provider);
    if (!chat) throw new ProviderError(model.route.provider, "unavailable", "provider not configured");
    if (job.prompt === null && file) await transcribe(job, file, signal);
    const user = await users.get(job.user_id);
    const history = trimHistory(await messages.recent(user.id, user.conversation_id, HISTORY_TURNS));
    const conversation: ChatMessage[] = [{ role: "system", content: SYSTEM_PROMPT }, ...history, { role: "user", content: job.prompt ?? "" }];
    const started = now();
    const result = await chat.chat({
      route: model.route,
      messages: conversation,
      signal,
      onText: (textSoFar) => void output.progress(job, { elapsedMs: now() - started, textSoFar }).catch(() => {}),
    });
    return [{ type: "text", text: result.text }];
  }

  async function pollOnce(job: GenerationRow, signal: AbortSignal) {
    const model = catalog.get(job.model);
    const media = providers.media(model.route.provider);
    if (!media || !job.provider_job_id) return fail(job, { kind: "unavailable" });
    if (job.deadline_at !== null && now() > job.deadline_at) {
      await media.cancel?.(model.route, job.provider_job_id).catch(() => {});
      return fail(job, { kind: "deadline" });
    }
    let result: Awaited<ReturnType<typeof media.poll>>;
    try {
      result = await media.poll(model.route, job.provider_job_id, signal);
    } catch (error) {
      // A failed poll is not a failed job: try again later, until the deadline.
      logger.warn({ err: error, generation: job.id }, "poll failed");
      await repo.update(job.id, { next_poll_at: now() + nextPollDelayMs(job.polls + 3) });
      return;
    }
    if (result.status === "done") return finish(job, result.outputs);
    if (result.status === "failed") {
      return fail(job, { kind: result.moderation ? "moderation" : "unavailable", reason: result.reason });
    }
    const polls = job.polls + 1;
    await repo.transition(job.id, ["polling"], {
      status: "polling",
      polls,
      provider_job_id: result.jobId ?? job.provider_job_id,
      progress: result.progress ?? job.progress,
      next_poll_at: now() + nextPollDelayMs(polls),
    });
    const startedAt = (job.deadline_at ?? now()) - model.deadlineSeconds * 1000;
    await output.progress({ ...job, polls }, { elapsedMs: now() - startedAt, progress: result.progress }).catch(() => {});
  }

  async function finish(job: GenerationRow, outputs: MediaOutput[]) {
    if (outputs.length === 0) return fail(job, { kind: "bad_response" });
    const stored = serializeOutputs(outputs);
    if (!(await repo.transition(job.id, ["submitted", "polling"], { status: "delivering", outputs: stored }))) return;
    await deliver({ ...job, status: "delivering", outputs: stored });
  }

  async function deliver(job: GenerationRow) {
    const model = catalog.get(job.model);
    const outputs = deserializeOutputs(job.outputs);
    const opened = openOutputs(outputs, model.route, providers.media(model.route.provider));
    const balance = await ledger.balance(job.user_id);
    try {
      await output.deliver(job, opened, { price: job.price, balance: balance.total });
    } catch (error) {
      logger.warn({ err: error, generation: job.id }, "delivery failed");
      return fail(job, { kind: "undeliverable", reason: (error as Error).message }, ["delivering"]);
    }
    if (!(await repo.transition(job.id, ["delivering"], { status: "delivered" }))) return;
    if (model.kind === "text" && outputs[0]?.type === "text") {
      const user = await users.get(job.user_id);
      await messages.append(job.user_id, user.conversation_id, [
        { role: "user", content: job.prompt ?? "" },
        { role: "assistant", content: outputs[0].text },
      ], model.slug);
    }
    await capture(job);
  }

  async function capture(job: GenerationRow) {
    await ledger.capture(holdKeyOf(job.id));
    await repo.transition(job.id, ["delivered"], { status: "captured" });
  }

  /** Ends a job without a result: the hold goes back and the user is told why. */
  async function fail(job: GenerationRow, failure: Failure, from: readonly string[] = ["held", "submitted", "polling"]) {
    if (!(await repo.transition(job.id, from, { status: "failed", error: JSON.stringify(failure) }))) return;
    await release(job);
    await output.failed(job, failure).catch((error) => logger.warn({ err: error, generation: job.id }, "failure notice not sent"));
  }

  async function release(job: GenerationRow) {
    await ledger.release(holdKeyOf(job.id));
    await repo.transition(job.id, ["failed"], { status: "released" });
  }

  async function fetchInputs(job: GenerationRow): Promise<InputFile[]> {
    const refs = job.inputs ? ((JSON.parse(job.inputs) as InputRef[] | null) ?? []) : [];
    return Promise.all(refs.map((ref) => output.fetchInput(ref)));
  }

  function startTicker(job: GenerationRow) {
    const started = now();
    const timer = setInterval(() => {
      void output.progress(job, { elapsedMs: now() - started }).catch(() => {});
    }, CHAT_ACTION_MS);
    return { stop: () => clearInterval(timer) };
  }

  return {
    start: (id: number) => void track(id, (signal) => execute(id, signal)),

    /** Stops a job that has not produced its result yet; true if this call released it. */
    async cancel(job: GenerationRow): Promise<boolean> {
      const current = await repo.get(job.id);
      if (!current || !["held", "submitted", "polling"].includes(current.status)) return false;
      running.get(job.id)?.abort.abort();
      const model = catalog.get(current.model);
      if (current.provider_job_id) {
        await providers.media(model.route.provider)?.cancel?.(model.route, current.provider_job_id).catch(() => {});
      }
      const before = await repo.get(job.id);
      await fail(current, { kind: "cancelled" });
      const after = await repo.get(job.id);
      return before?.status !== after?.status && after?.status === "released";
    },

    async resumeAll() {
      const jobs = await repo.inFlight();
      for (const job of jobs) void track(job.id, (signal) => execute(job.id, signal));
      return jobs.length;
    },

    startPolling(intervalMs = 1_000) {
      pollTimer ??= setInterval(async () => {
        const due = await repo.duePolls(now()).catch(() => []);
        for (const job of due) void track(job.id, (signal) => pollOnce(job, signal));
      }, intervalMs);
    },

    async stop() {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = undefined;
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}

/** The user's parameters, without the job's own bookkeeping fields. */
function upstreamParams(job: GenerationRow): Record<string, string | number | boolean> {
  const params = JSON.parse(job.params) as Record<string, string | number | boolean>;
  delete params[TRANSCRIBE_WITH];
  return params;
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

function toFailure(error: unknown, signal: AbortSignal): Failure {
  if (signal.aborted) return { kind: "cancelled" };
  if (error instanceof ProviderError) return { kind: error.kind, reason: error.reason };
  return { kind: "internal" };
}
