import type { Api, Transformer } from "grammy";

/** A long poll lasts up to 30 s; no completed poll for three times that means the loop is stuck. */
const POLL_STALE_MS = 90_000;
/** A confirmed webhook is trusted this long before Telegram is asked again (probes come every few seconds). */
const WEBHOOK_CONFIRMED_MS = 10_000;
/** A probe must answer quickly even when Telegram does not. */
const WEBHOOK_CHECK_MS = 3_000;

/**
 * Whether updates are arriving: in polling mode, the last `getUpdates` attempt succeeded and one
 * completed recently; in webhook mode, Telegram still has our URL as the bot's webhook.
 */
export function createUpdatesMonitor(now: () => number = Date.now) {
  let pollingSince: number | undefined;
  let lastPollFailed = false;
  let webhook: { api: Api; url: string; confirmedAt?: number } | undefined;

  /** Installed inside autoRetry, so it sees every attempt rather than the last of many retries. */
  const transformer: Transformer = async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      lastPollFailed = !result.ok;
      if (result.ok) pollingSince = now();
      return result;
    } catch (error) {
      lastPollFailed = true;
      throw error;
    }
  };

  return {
    transformer,
    pollingStarted() {
      pollingSince = now();
      lastPollFailed = false;
    },
    webhookSet(api: Api, url: string) {
      webhook = { api, url };
    },
    async receiving(polling: { isRunning(): boolean } | undefined): Promise<boolean> {
      if (polling) {
        return (
          polling.isRunning() && !lastPollFailed && pollingSince !== undefined && now() - pollingSince < POLL_STALE_MS
        );
      }
      if (!webhook) return false;
      if (webhook.confirmedAt !== undefined && now() - webhook.confirmedAt < WEBHOOK_CONFIRMED_MS) return true;
      const ok = await isWebhookSet(webhook.api, webhook.url);
      webhook.confirmedAt = ok ? now() : undefined;
      return ok;
    },
  };
}

export type UpdatesMonitor = ReturnType<typeof createUpdatesMonitor>;

/** Another deployment (or a polling copy calling deleteWebhook) may have taken the updates away. */
async function isWebhookSet(api: Api, url: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), WEBHOOK_CHECK_MS);
  try {
    // grammY types its signals with the abort-controller shim; at run time it is the platform's.
    const info = await api.getWebhookInfo(controller.signal as unknown as Parameters<Api["getWebhookInfo"]>[0]);
    return info.url === url;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
