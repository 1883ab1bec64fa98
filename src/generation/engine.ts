import type { Accounts } from "../billing/accounts.js";
import { ModelLocked } from "../billing/errors.js";
import type { Ledger } from "../billing/ledger.js";
import type { Catalog } from "../catalog/catalog.js";
import { followUpPrice } from "../catalog/follow-ups.js";
import { quotePrice, resolveParams } from "../catalog/pricing.js";
import type { ModelSpec } from "../catalog/types.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Providers } from "../providers/types.js";
import type { GenerationRow, GenerationsRepository } from "../storage/generations-repository.js";
import type { MessagesRepository } from "../storage/messages-repository.js";
import type { UsersRepository } from "../storage/users-repository.js";
import { holdKeyOf } from "./hold-key.js";
import { createHoldSweeper } from "./hold-sweeper.js";
import { createJobRunner } from "./job-runner.js";
import type { LeaseOptions } from "./lease-keeper.js";
import { type ModelHealth, routedCatalog } from "./model-health.js";
import {
  CHAT_MESSAGES,
  CONTEXT_OF,
  FOLLOW_UP,
  type InputRef,
  type JobMetrics,
  type JobOutput,
  type QuoteRequest,
  TRANSCRIBE_WITH,
} from "./types.js";

export interface EngineDeps {
  repo: GenerationsRepository;
  ledger: Ledger;
  accounts: Accounts;
  catalog: Catalog;
  providers: Providers;
  messages: MessagesRepository;
  users: UsersRepository;
  clock: Clock;
  logger: Logger;
  output: JobOutput;
  /** Which upstream serves each model now; without it every route is used as configured. */
  health?: Pick<ModelHealth, "isAvailable" | "route">;
  /** This instance's lease name and length (defaults: a unique name, 30 s). */
  lease?: LeaseOptions;
  /** Counters for `/metrics`; none in most tests. */
  metrics?: JobMetrics;
}

/** A model that cannot run now: retired upstream, or its provider has no API key. */
export class ModelUnavailable extends Error {
  override readonly name = "ModelUnavailable";
  readonly i18nKey = "error-model-unavailable";
  constructor(readonly model: string) {
    super(`${model} is unavailable`);
  }
}

/** A recording longer than a flat-priced audio model takes (its card names the limit). */
export class InputTooLong extends Error {
  override readonly name = "InputTooLong";
  readonly i18nKey = "delivery-input-too-long";
  constructor(
    readonly model: string,
    readonly seconds: number,
    readonly limitSeconds: number,
  ) {
    super(`${model} takes recordings up to ${limitSeconds} s, got ${seconds} s`);
  }
}

/** Refuses inputs longer than any of the models that would process them takes. */
function assertInputLengths(models: readonly ModelSpec[], inputs: readonly InputRef[] = []) {
  for (const model of models) {
    const limit = model.maxInputSeconds;
    if (limit === undefined) continue;
    const longest = Math.max(0, ...inputs.map((input) => input.duration ?? 0));
    if (longest > limit) throw new InputTooLong(model.slug, longest, limit);
  }
}

/**
 * Generations from quote to capture: `quote` prices a request and stores it; `confirm` holds the
 * price and starts the job in the background; the runner delivers and captures, or releases on
 * any failure. `resume` picks up every job a previous process left in flight.
 */
export function createGenerationEngine(deps: EngineDeps) {
  const { repo, ledger, accounts, providers, clock, health } = deps;
  // Requests go to the upstream the last health check found serving the model (a fallback, maybe).
  const catalog = health ? routedCatalog(deps.catalog, health) : deps.catalog;
  const runner = createJobRunner({ ...deps, catalog });
  const sweeper = createHoldSweeper(deps);

  const canRun = (model: ModelSpec | undefined): model is ModelSpec =>
    model !== undefined &&
    !model.route.unavailable &&
    providers.configured(model.route.provider) &&
    (health?.isAvailable(model.slug) ?? true);

  function assertRunnable(slug: string) {
    // A quote can outlive its model (removed from the catalog since): unavailable, not a crash.
    const model = catalog.find(slug)?.model;
    if (!canRun(model)) throw new ModelUnavailable(slug);
    return model;
  }

  return {
    runner,

    /** Whether a model can run now (shown on menus before anything is spent). */
    isAvailable: (slug: string): boolean => canRun(catalog.find(slug)?.model),

    /**
     * The model a first message goes to when none is chosen: the cheapest Starter text model that can
     * run now (catalog order breaks ties), so a new user's first question is answered at once.
     */
    defaultTextModel(): ModelSpec | undefined {
      const candidates = catalog
        .byKind("text")
        .filter((m) => m.tier === "starter" && canRun(m))
        .map((m) => ({ m, price: quotePrice(m, {}).token_cost }));
      const cheapest = Math.min(...candidates.map((c) => c.price));
      return candidates.find((c) => c.price === cheapest)?.m;
    },

    /**
     * Prices a request and records it as quoted; nothing is held yet. A request message that
     * already has a job (a redelivered update), or a client's repeated idempotency key, gets that
     * job back with `created: false`.
     */
    async quote(req: QuoteRequest): Promise<{ job: GenerationRow; created: boolean }> {
      if (req.idempotencyKey) {
        const earlier = await repo.byIdempotencyKey(req.userId, req.idempotencyKey);
        if (earlier) return { job: earlier, created: false };
      }
      const model = assertRunnable(req.model.slug);
      const plan = await accounts.currentPlan(req.userId);
      if (!catalog.isUnlocked(model, plan)) throw new ModelLocked(model.slug);
      // Every parameter is stored with its value, defaults included: the upstream must render what
      // was priced, not whatever its own default is (Luma's default resolution is not our 540p).
      const params: Record<string, unknown> = resolveParams(model, req.params);
      let price = req.followUp
        ? followUpPrice(model, req.params, req.followUp.action)
        : quotePrice(model, req.params).token_cost;
      if (req.followUp) {
        const { action, jobId, imageNo } = req.followUp;
        params[FOLLOW_UP] = `${action}:${jobId}:${imageNo}`;
      }
      if (req.context) params[CONTEXT_OF] = `${req.context.mode}:${req.context.jobId}`;
      assertInputLengths(req.transcribeWith ? [model, req.transcribeWith] : [model], req.inputs);
      if (req.transcribeWith) {
        const stt = assertRunnable(req.transcribeWith.slug);
        if (!catalog.isUnlocked(stt, plan)) throw new ModelLocked(stt.slug);
        price += quotePrice(stt, {}).token_cost;
        params[TRANSCRIBE_WITH] = stt.slug;
      }
      if (req.messages) params[CHAT_MESSAGES] = req.messages;
      const row = {
        userId: req.userId,
        chatId: req.chatId,
        model: model.slug,
        kind: model.kind,
        params,
        prompt: req.prompt,
        inputs: req.inputs ?? null,
        price,
        deadlineAt: clock.now().getTime() + model.deadlineSeconds * 1000,
        request: req.request,
        replyTo: req.replyTo,
        threadId: req.threadId,
        guestQueryId: req.guestQueryId,
        origin: req.origin,
        apiKeyId: req.apiKeyId,
        idempotencyKey: req.idempotencyKey,
      };
      try {
        return await repo.create(row);
      } catch (error) {
        // Two retries of one request racing: the unique key lets one row in, the other gets that row.
        const winner = req.idempotencyKey ? await repo.byIdempotencyKey(req.userId, req.idempotencyKey) : undefined;
        if (winner) return { job: winner, created: false };
        throw error;
      }
    },

    /**
     * Holds the quoted price (checking tier, rate limits and balance) and starts the job without
     * waiting for it; answers the job as the hold left it. `known` is the job's row if the caller
     * has just read it (its state is checked again by the hold's compare-and-set). Throws
     * `InsufficientTokens`, `RateLimited`, `ModelLocked` or `ModelUnavailable`.
     */
    async confirm(id: number, userId: number, known?: GenerationRow): Promise<GenerationRow | undefined> {
      const job = known?.id === id ? known : await repo.get(id);
      if (!job || job.user_id !== userId || job.status !== "quoted") return undefined;
      const model = assertRunnable(job.model);
      const plan = await accounts.currentPlan(userId);
      if (!catalog.isUnlocked(model, plan)) throw new ModelLocked(model.slug);
      // Deadline counts from the start of the run, not from the quote.
      const deadline = clock.now().getTime() + model.deadlineSeconds * 1000;
      // The state change and the hold commit together: no hold without a job that runs, and no
      // running job without its hold. The job's row lock also orders this against a cancel or the sweeper.
      // The job's lease is taken by the same statement: a quoted job has none (no instance leases a
      // job before it is held), so the runner starts it without a claim of its own.
      const sentAt = clock.now().getTime();
      const held = await repo.inTransaction(async (trx) => {
        const changes = { status: "held", deadline_at: deadline, ...runner.leaseFields(sentAt) };
        const row = await repo.transitionRow(job.id, ["quoted"], changes, trx);
        if (!row) return undefined;
        await ledger.holdIn(trx, { userId, amount: job.price, key: holdKeyOf(job.id), model: job.model, plan });
        return row;
      });
      if (!held) return undefined;
      runner.startLeased(held, sentAt);
      return held;
    },

    /** Drops a quote, or stops a running job and releases its hold. */
    async cancel(id: number, userId: number): Promise<"dropped" | "cancelled" | "too-late"> {
      const job = await repo.get(id);
      if (!job || job.user_id !== userId) return "too-late";
      if (job.status === "quoted") {
        return (await repo.transition(id, ["quoted"], { status: "cancelled" })) ? "dropped" : "too-late";
      }
      return (await runner.cancel(job)) ? "cancelled" : "too-late";
    },

    /**
     * A `stopped_message_generation` from the chat: its draft id is the job id (see the bot's
     * delivery). Only a text job of that very chat is stopped.
     */
    async stopAnswer(chatId: number, draftId: number): Promise<boolean> {
      const job = await repo.get(draftId);
      if (!job || job.chat_id !== chatId || job.kind !== "text") return false;
      return runner.stopStreaming(job.id);
    },

    /** After a restart: every job that was in flight is driven to delivered+captured or released. */
    resume: () => runner.resumeAll(),
    /** Gives back holds whose job is not in flight; also runs on its own after `startPolling`. */
    sweepHolds: () => sweeper.sweep(),
    /** Starts polling upstream jobs, and the hold sweeper (now and every few minutes). */
    startPolling() {
      runner.startPolling();
      sweeper.start();
    },
    stop(graceMs?: number) {
      sweeper.stop();
      return runner.stop(graceMs);
    },
  };
}

export type GenerationEngine = ReturnType<typeof createGenerationEngine>;
