import type { Update } from "grammy/types";
import type { BotSettings } from "./bot-methods.js";
import type { EmulatorCore } from "./core.js";
import { isRecord } from "./params.js";
import { updateType } from "./update-queue.js";

/** One POST of an update to the webhook, as the emulator saw its outcome. */
export interface WebhookDelivery {
  update_id: number;
  type: string;
  /** The HTTP status answered, or 0 when no answer came (refused, reset, timed out). */
  status: number;
  at: number;
  error?: string;
}

/** How long a delivery may take before it counts as failed (Telegram gives up on a slow webhook too). */
const DELIVERY_TIMEOUT_MS = 60_000;
const MAX_RETRY_DELAY_MS = 2_000;

/** The chat an update belongs to (a user's id for their queries): its updates go out one at a time. */
function chatOf(update: Update): string {
  const body = Object.values(update).find(isRecord) ?? {};
  const message = isRecord(body.message) ? body.message : undefined;
  const chat = isRecord(body.chat) ? body.chat : isRecord(message?.chat) ? message.chat : undefined;
  const from = isRecord(body.from) ? body.from : undefined;
  return String(chat?.id ?? from?.id ?? `update ${update.update_id}`);
}

/**
 * Telegram's side of a webhook: while one is set, each queued update is POSTed to it with the secret
 * header, and confirmed by a 2xx answer; anything else (an error status, a refused or dropped
 * connection) is retried after a short backoff. Updates of one chat go out one at a time and in
 * order; up to `max_connections` deliveries are under way at once.
 *
 * Telegram only calls HTTPS URLs, which a proxy terminates in front of the bot: `target` is where
 * that proxy listens, and every delivery goes there whatever URL the bot registered.
 */
export function createWebhookDelivery(core: EmulatorCore, settings: BotSettings, target: string) {
  const deliveries: WebhookDelivery[] = [];
  const underWay = new Set<number>();
  const attempts = new Map<number, number>();
  const retryAt = new Map<number, number>();
  const aborts = new Set<AbortController>();
  let closed = false;

  function pump(): void {
    const webhook = settings.webhook;
    if (closed || webhook === undefined) return;
    const limit = webhook.max_connections ?? 40;
    const busy = new Set<string>();
    for (const update of core.updates.deliverable()) {
      const chat = chatOf(update);
      // An older update of this chat not confirmed yet holds back the newer ones.
      if (busy.has(chat)) continue;
      busy.add(chat);
      if (underWay.has(update.update_id) || (retryAt.get(update.update_id) ?? 0) > Date.now()) continue;
      if (underWay.size >= limit) return;
      void deliver(update, webhook.secret_token);
    }
  }

  async function deliver(update: Update, secret: string | undefined): Promise<void> {
    underWay.add(update.update_id);
    core.updates.markDelivered(update.update_id);
    const abort = new AbortController();
    aborts.add(abort);
    const record: WebhookDelivery = {
      update_id: update.update_id,
      type: updateType(update),
      status: 0,
      at: Date.now(),
    };
    try {
      const response = await fetch(target, {
        method: "POST",
        body: JSON.stringify(update),
        headers: {
          "content-type": "application/json",
          ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }),
        },
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      record.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      record.error = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}`.trim() : String(error);
    } finally {
      aborts.delete(abort);
      underWay.delete(update.update_id);
    }
    deliveries.push(record);
    if (closed) return;
    if (record.status >= 200 && record.status < 300) {
      core.updates.remove(update.update_id);
      attempts.delete(update.update_id);
      retryAt.delete(update.update_id);
    } else {
      const tries = (attempts.get(update.update_id) ?? 0) + 1;
      attempts.set(update.update_id, tries);
      const delay = Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** (tries - 1));
      retryAt.set(update.update_id, Date.now() + delay);
      // The timer ends the wait, not a clock comparison: a timer may fire a millisecond before
      // Date.now() reaches the mark, and a skipped update would then wait for ever.
      core.later(delay, () => {
        retryAt.delete(update.update_id);
        pump();
      });
    }
    pump();
  }

  return {
    deliveries,
    /** Looks for updates to deliver: after a push, a setWebhook, or a confirmed delivery. */
    pump,
    close(): void {
      closed = true;
      for (const abort of aborts) abort.abort();
    },
  };
}
