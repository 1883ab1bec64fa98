import type { ModelSpec } from "../catalog/types.js";
import { ProviderError } from "../providers/errors.js";
import type { InputFile, MediaOutput, MediaProvider } from "../providers/types.js";
import { type GenerationRow, IN_FLIGHT } from "../storage/generations-repository.js";
import { createChatStep, type RememberedTurn } from "./chat-step.js";
import { createDeliveryStep } from "./delivery-step.js";
import type { EngineDeps } from "./engine.js";
import { createHeartbeat } from "./heartbeat.js";
import { holdKeyOf } from "./hold-key.js";
import { createJobSteps } from "./job-steps.js";
import { deadlineSignal, pollAt } from "./job-timing.js";
import { createLeaseKeeper, LeaseLost } from "./lease-keeper.js";
import { serializeOutputs } from "./outputs.js";
import { type Failure, followUpOf, type InputRef, StoppedByUser, toFailure, upstreamParams } from "./types.js";

/** States a job can still be stopped in: its result does not exist yet. */
const STOPPABLE = ["held", "submitted", "polling"] as const;

/** Drives jobs through their states; every step is a compare-and-set, so it is safe to repeat after a restart. */
export function createJobRunner(deps: EngineDeps) {
  const { repo, ledger, catalog, providers, clock, logger, output } = deps;
  const chat = createChatStep(deps);
  const steps = createJobSteps(logger, (id) => void run(id));
  let pollTimer: NodeJS.Timeout | undefined;
  const now = () => clock.now().getTime();
  /**
   * Every step runs under the job's lease. An instance that loses a job (another took it over
   * after this one stalled, or ended it) stops its step and no longer shows the job's progress.
   */
  const leases = createLeaseKeeper(
    repo,
    logger,
    (id) => {
      waiting.forget(id);
      steps.abort(id, new LeaseLost());
    },
    deps.lease,
    now,
  );
  /**
   * Jobs of this process waiting on their upstream, kept visibly alive between polls; only while the
   * lease is known to be ours: woken from a stall, the instance shows nothing before a renewal confirms it.
   */
  const waiting = createHeartbeat(
    output,
    (job) => now() - startedAt(job),
    (id) => leases.holds(id),
  );

  /** When the job was confirmed: its deadline counts from there, and so does the elapsed time shown. */
  function startedAt(job: GenerationRow): number {
    const seconds = catalog.find(job.model)?.model.deadlineSeconds ?? 0;
    return job.deadline_at === null ? job.created_at : job.deadline_at - seconds * 1000;
  }

  /** Runs the job's current step here if this instance holds (or can take) the job's lease. */
  function run(id: number): Promise<void> {
    return steps.track(id, async (signal) => {
      // The claim answers the job's row: the step starts from it.
      const job = await leases.claimRow(id);
      if (job) await execute(job, signal);
    });
  }

  async function execute(job: GenerationRow, signal: AbortSignal): Promise<void> {
    const id = job.id;
    if (!(IN_FLIGHT as readonly string[]).includes(job.status)) return leases.drop(id);
    if (!catalog.find(job.model)) return retired(job);
    switch (job.status) {
      case "held":
      case "submitted":
        return submit(job, signal);
      case "polling":
        return pollOnce(job, signal);
      case "delivering":
        return deliveries.deliver(job);
      case "delivered":
        return capture(job);
      case "failed":
        return release(job);
    }
  }

  /**
   * A job whose model was removed from the catalog since it started can't run or be fetched: it is
   * released and the user told, instead of crashing on every resume with its tokens held.
   */
  async function retired(job: GenerationRow) {
    if (job.status === "delivered") return capture(job);
    if (job.status === "failed") return release(job);
    logger.warn({ generation: job.id, model: job.model, status: job.status }, "model no longer in the catalog");
    await fail(job, { kind: "unavailable" }, [...STOPPABLE, "delivering"]);
  }

  /**
   * Starts the upstream work. A job found here after a restart is submitted again: without a stored
   * upstream id there is nothing to resume, and the user's hold is still the only charge.
   */
  async function submit(job: GenerationRow, cancel: AbortSignal) {
    if (!(await repo.transition(job.id, ["held", "submitted"], { status: "submitted" }))) return;
    const model = catalog.get(job.model);
    // Synchronous upstreams (speech, Prefer: wait) are bounded by the model's deadline too.
    const deadline = deadlineSignal(job.deadline_at, now());
    const signal = AbortSignal.any([cancel, deadline]);
    waiting.watch(job);
    try {
      if (job.progress_message_id === null) {
        const messageId = await output.started(job).catch(() => undefined);
        if (messageId !== undefined) {
          await repo.update(job.id, { progress_message_id: messageId });
          job.progress_message_id = messageId;
        }
      }
      const files = await fetchInputs(job);
      await countSend(job, model);
      const result =
        model.kind === "text"
          ? await chat.submit(job, model, signal, files[0])
          : await mediaOf(model).submit({
              route: model.route,
              prompt: job.prompt ?? undefined,
              params: upstreamParams(job),
              file: files[0],
              file2: files[1],
              followUp: followUpOf(job),
              signal,
              idempotencyKey: `job-${job.id}`,
            });
      if (result.status === "done") return await finish(job, result.outputs);
      const nextPoll = nextPollAt(job, 0);
      const progress = result.progress ?? null;
      if (
        await repo.transition(job.id, ["submitted"], {
          status: "polling",
          provider_job_id: result.jobId,
          progress,
          next_poll_at: nextPoll,
        })
      ) {
        waiting.watch({ ...job, status: "polling", provider_job_id: result.jobId, progress });
      }
    } catch (error) {
      // Another instance has the job now: it decides how the job ends.
      if (cancel.reason instanceof LeaseLost) return;
      await fail(job, deadline.aborted ? { kind: "deadline" } : toFailure(error, cancel));
    }
  }

  /**
   * Counts each send upstream. A second one is a resubmission (a crash came between the send and
   * the saved upstream id): the provider is paid again, so it is logged and counted in the metrics.
   */
  async function countSend(job: GenerationRow, model: ModelSpec) {
    const sends = await repo.countSubmit(job.id);
    if (sends <= 1) return;
    logger.warn({ job_id: job.id, user_id: job.user_id, sends }, "job sent upstream again");
    deps.metrics?.resubmitted(model.route.provider);
  }

  function mediaOf(model: ModelSpec) {
    const media = providers.media(model.route.provider);
    if (!media) throw new ProviderError(model.route.provider, "unavailable", "provider not configured");
    return media;
  }

  /** What polls and cancels the model's upstream jobs: its media adapter, or a long-thinking text model's jobs. */
  function jobsOf(model: ModelSpec): Pick<MediaProvider, "poll" | "cancel"> | undefined {
    return model.kind === "text" ? chat.jobsOf(model) : providers.media(model.route.provider);
  }

  const nextPollAt = (job: GenerationRow, polls: number) => pollAt(now(), polls, job.deadline_at);

  async function pollOnce(job: GenerationRow, signal: AbortSignal) {
    if (!catalog.find(job.model)) return retired(job);
    const model = catalog.get(job.model);
    const media = jobsOf(model);
    if (!media || !job.provider_job_id) return fail(job, { kind: "unavailable" });
    waiting.watch(job);
    if (job.deadline_at !== null && now() >= job.deadline_at) {
      await media.cancel?.(model.route, job.provider_job_id).catch(() => {});
      return fail(job, { kind: "deadline" });
    }
    let result: Awaited<ReturnType<typeof media.poll>>;
    try {
      result = await media.poll(model.route, job.provider_job_id, signal);
    } catch (error) {
      if (signal.aborted) return;
      // A failed poll is not a failed job: try again later, until the deadline.
      logger.warn({ err: error, generation: job.id }, "poll failed");
      await repo.transition(job.id, ["polling"], { status: "polling", next_poll_at: nextPollAt(job, job.polls + 3) });
      return;
    }
    if (result.status === "done") return finish(job, result.outputs);
    if (result.status === "failed") {
      const kind = result.moderation ? "moderation" : "failed";
      return fail(job, { kind, reason: result.reason, provider: model.route.provider });
    }
    const polls = job.polls + 1;
    const changes = {
      polls,
      provider_job_id: result.jobId ?? job.provider_job_id,
      progress: result.progress ?? job.progress,
      next_poll_at: nextPollAt(job, polls),
    };
    // A job cancelled meanwhile keeps its "Cancelled" notice: only a job still polling shows progress.
    if (!(await repo.transition(job.id, ["polling"], { status: "polling", ...changes }))) return;
    const current = { ...job, ...changes };
    waiting.watch(current);
    // A poll that outlasted the lease (a stall) leaves the progress to whichever instance has the job now.
    if (!leases.holds(job.id)) return;
    await output
      .progress(current, { elapsedMs: now() - startedAt(job), progress: current.progress ?? undefined })
      .catch(() => {});
  }

  async function finish(job: GenerationRow, outputs: MediaOutput[]) {
    if (outputs.length === 0) return fail(job, { kind: "bad_response" });
    const stored = serializeOutputs(outputs);
    if (!(await repo.transition(job.id, ["submitted", "polling"], { status: "delivering", outputs: stored }))) return;
    waiting.forget(job.id);
    await deliveries.deliver({ ...job, status: "delivering", outputs: stored });
  }

  const deliveries = createDeliveryStep(deps, {
    again: (id) => void run(id),
    fail: (job, failure, from) => fail(job, failure, from),
    async capture(job, model, answer) {
      // An API client keeps its own conversation: its turns never join the bot's chat history.
      const turn = answer !== undefined && job.origin !== "api" ? await chat.turnOf(job, model, answer) : undefined;
      const captured = await settleCaptured(job, ["delivering"], turn);
      if (captured) leases.drop(job.id);
      return captured;
    },
  });

  /** A job left `delivered` (by a process that stopped before its capture): the hold becomes the charge. */
  async function capture(job: GenerationRow) {
    await settleCaptured(job, ["delivered"]);
    leases.drop(job.id);
  }

  /**
   * Moves the job from `from` to `captured`, stores its turn of the conversation and captures its
   * hold in one transaction: the state change and the money it moves commit together, and a short
   * answer's end costs one commit instead of four. False when another actor moved the job first.
   */
  async function settleCaptured(job: GenerationRow, from: readonly string[], turn?: RememberedTurn) {
    const captured = await repo.inTransaction(async (trx) => {
      if (!(await repo.transition(job.id, from, { status: "captured" }, trx))) return false;
      if (turn) await chat.remember(turn, trx);
      await ledger.captureIn(trx, holdKeyOf(job.id));
      return true;
    });
    if (captured) deps.metrics?.jobEnded(job, "captured", now() - startedAt(job));
    return captured;
  }

  /** Ends a job without a result: the hold goes back and the user is told why. */
  async function fail(job: GenerationRow, failure: Failure, from: readonly string[] = STOPPABLE): Promise<void> {
    await end(job, failure, from);
  }

  /** `fail`, answering whether this call was the one that ended the job. */
  async function end(job: GenerationRow, failure: Failure, from: readonly string[]): Promise<boolean> {
    waiting.forget(job.id);
    if (!(await repo.transition(job.id, from, { status: "failed", error: JSON.stringify(failure) }))) return false;
    await release(job);
    await output
      .failed(job, failure)
      .catch((error) => logger.warn({ err: error, generation: job.id }, "failure notice not sent"));
    return true;
  }

  async function release(job: GenerationRow) {
    await ledger.release(holdKeyOf(job.id));
    if (await repo.transition(job.id, ["failed"], { status: "released" })) {
      deps.metrics?.jobEnded(job, "released", now() - startedAt(job));
    }
    leases.drop(job.id);
  }

  async function fetchInputs(job: GenerationRow): Promise<InputFile[]> {
    const refs = job.inputs ? ((JSON.parse(job.inputs) as InputRef[] | null) ?? []) : [];
    return Promise.all(refs.map((ref) => output.fetchInput(ref, job)));
  }

  return {
    start: (id: number) => void run(id),
    /** The lease columns a confirm sets with its state change (see `startLeased`), sent at `sentAt`. */
    leaseFields: (sentAt: number) => leases.leaseFields(sentAt),
    /**
     * Starts a job whose row `job` already carries this instance's lease (set by the statement that
     * moved it out of `quoted`, sent at `sentAt`): its step starts from that row, with no claim.
     */
    startLeased(job: GenerationRow, sentAt: number) {
      leases.adopt(job.id, sentAt);
      void steps.track(job.id, (signal) => execute(job, signal));
    },
    /** This instance's name in the jobs' `lease_owner`. */
    owner: leases.owner,
    /** Whether this instance holds the job's lease now. */
    holds: (id: number) => leases.holds(id),

    /** Stops a job that has not produced its result yet; true if this call released it. */
    async cancel(job: GenerationRow): Promise<boolean> {
      const current = await repo.get(job.id);
      if (!current || !(STOPPABLE as readonly string[]).includes(current.status)) return false;
      steps.abort(job.id);
      const model = catalog.find(current.model)?.model;
      if (model && current.provider_job_id) {
        await jobsOf(model)
          ?.cancel?.(model.route, current.provider_job_id)
          .catch(() => {});
      }
      return end(current, { kind: "cancelled" }, STOPPABLE);
    },

    /**
     * The Stop under a streaming answer: aborts the upstream request at once. The job then ends
     * by itself: with the text so far as its answer, or released if no text had arrived. Only a
     * job running in this process can be stopped; false when there is none.
     */
    stopStreaming(id: number): boolean {
      return steps.abort(id, new StoppedByUser());
    },

    /** Resumes the jobs in flight that no instance holds live (a job another runs is left to it). */
    async resumeAll() {
      const ids = await leases.unleased();
      for (const id of ids) void run(id);
      return ids.length;
    },

    startPolling(intervalMs = 1_000) {
      waiting.start();
      // Each tick claims its batch (due polls, and jobs whose instance's lease ran out) before running it.
      pollTimer ??= setInterval(async () => {
        const due = await leases.claimDue().catch((error) => {
          logger.warn({ err: error }, "claiming due jobs failed");
          return [];
        });
        for (const id of due) void run(id);
      }, intervalMs);
    },

    /** Stops polling and waits a little for running steps; whatever is still running resumes after the restart. */
    async stop(graceMs = 10_000) {
      clearInterval(pollTimer);
      pollTimer = undefined;
      deliveries.stop();
      waiting.stop();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([steps.stop(), grace]);
      clearTimeout(timer);
      // Jobs idle here are free for another instance now; those still running keep their lease until it runs out.
      await leases.stop((id) => steps.has(id));
    },
  };
}
