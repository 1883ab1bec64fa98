import type { ModelSpec } from "../catalog/types.js";
import type { GenerationRow } from "../storage/generations-repository.js";
import type { EngineDeps } from "./engine.js";
import { deserializeOutputs, openOutputs } from "./outputs.js";
import { DeliveryFailed, type DeliveryParts, type Failure } from "./types.js";

/**
 * Waits before a delivery is tried again after a failure that may pass (the network, Telegram's
 * 5xx, a flood wait that would not end): the result exists and was paid for, so it is not given up
 * lightly. Flood waits themselves are waited out inside a delivery, however long.
 */
export const DELIVERY_RETRY_MS = [5_000, 15_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000] as const;

/** Runs `run` after `ms`; returns a cancel. Injected so tests see the retry without waiting for it. */
export type Schedule = (run: () => void, ms: number) => () => void;

/** The real schedule: a timer that never keeps the process alive on its own. */
export const unrefTimeout: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface DeliveryHooks {
  /** Runs the job's current step again (in the background, tracked like any step). */
  again(id: number): void;
  /** Ends a job that got nothing to the chat: released, the user told. */
  fail(job: GenerationRow, failure: Failure, from: readonly string[]): Promise<void>;
  /**
   * After delivery: the job leaves `delivering` for `captured`, a text model's answer joins the
   * conversation and the hold becomes the charge, all in one transaction; false when another actor
   * moved the job first.
   */
  capture(job: GenerationRow, model: ModelSpec, answer: string | undefined): Promise<boolean>;
}

/**
 * Delivers a stored result. It never releases a result that reached the chat: each message sent is
 * counted in the job row, a failure that may pass is retried later from the first part not sent,
 * and only a chat that refuses everything (bot blocked, chat gone) gets the hold back.
 */
export function createDeliveryStep(deps: EngineDeps, hooks: DeliveryHooks, schedule: Schedule = unrefTimeout) {
  const { repo, ledger, catalog, providers, logger, output } = deps;
  const attempts = new Map<number, number>();
  /** Deliveries waiting to be tried again; a restart finds those jobs in flight and tries at once. */
  const waiting = new Set<() => void>();

  function later(id: number, ms: number) {
    const cancel = schedule(() => {
      waiting.delete(cancel);
      hooks.again(id);
    }, ms);
    waiting.add(cancel);
  }

  async function deliver(job: GenerationRow): Promise<void> {
    const model = catalog.get(job.model);
    const outputs = deserializeOutputs(job.outputs);
    const opened = openOutputs(outputs, model.route, providers.media(model.route.provider));
    const balance = await ledger.balance(job.user_id);
    const messageIds = job.delivered_message_ids ? (JSON.parse(job.delivered_message_ids) as number[]) : [];
    // A part is skipped when its message id is recorded. The one window left: a crash after Telegram
    // accepted a part and before its id was written sends that one part again, once, on resume.
    let delivered = Math.max(job.delivered_parts ?? 0, messageIds.length);
    const parts: DeliveryParts = {
      done: delivered,
      async sent(count, messageId) {
        delivered = count;
        if (messageId !== undefined) messageIds.push(messageId);
        await repo.update(job.id, { delivered_parts: count, delivered_message_ids: JSON.stringify(messageIds) });
      },
    };
    try {
      await output.deliver(job, opened, { price: job.price, balance: balance.total }, parts);
    } catch (error) {
      const permanent = error instanceof DeliveryFailed && error.permanent;
      const attempt = attempts.get(job.id) ?? 0;
      const delay = DELIVERY_RETRY_MS[attempt];
      if (!permanent && delay !== undefined) {
        attempts.set(job.id, attempt + 1);
        logger.warn(
          { err: error, generation: job.id, delivered, retryInMs: delay },
          "delivery failed; trying again later",
        );
        later(job.id, delay);
        return;
      }
      attempts.delete(job.id);
      if (delivered === 0) {
        logger.warn({ err: error, generation: job.id }, "delivery failed");
        // Telegram's error text is for the log, not for the user: "the result could not be sent" is enough.
        return hooks.fail(job, { kind: "undeliverable" }, ["delivering"]);
      }
      // Part of the result is in the chat and cannot be taken back: it is the user's, and so is its price.
      logger.warn({ err: error, generation: job.id, delivered }, "delivery ended part-way; the parts sent are kept");
    }
    attempts.delete(job.id);
    const first = outputs[0];
    await hooks.capture(job, model, model.kind === "text" && first?.type === "text" ? first.text : undefined);
  }

  return {
    deliver,
    /** Drops the waiting retries (the process stops; the jobs stay in flight for the next start). */
    stop() {
      for (const cancel of waiting) cancel();
      waiting.clear();
    },
  };
}
