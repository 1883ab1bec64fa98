import type { I18n } from "@grammyjs/i18n";
import { type Api, GrammyError } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { Logger } from "../../logger.js";
import type { BroadcastCounts, BroadcastsRepository, DeliveryOutcome } from "../../storage/broadcasts-repository.js";
import type { UsersRepository } from "../../storage/users-repository.js";
import type { BotContext } from "../context.js";

/** Telegram lets a bot send about 30 messages a second in all; staying under it leaves room for replies. */
const PACE_MS = 40;
/** Progress is edited every this many recipients (Telegram also limits edits). */
const PROGRESS_EVERY = 25;

export interface BroadcastSenderDeps {
  repo: BroadcastsRepository;
  users: UsersRepository;
  api: Api;
  i18n: I18n<BotContext>;
  logger: Logger;
}

/**
 * Sends confirmed broadcasts one recipient at a time, paced, claiming each row before its message
 * goes out: after a restart it resumes with the rows still pending and never resends a claimed one.
 */
export function createBroadcastSender(deps: BroadcastSenderDeps) {
  const { repo, api, logger } = deps;
  const running = new Map<number, Promise<void>>();
  const wakers = new Set<() => void>();
  let stopped = false;

  /** Waits, or less if the sender is stopping. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });
  }

  async function deliver(chatId: number, text: string, entities?: MessageEntity[]) {
    try {
      await api.sendMessage(chatId, text, entities ? { entities } : {});
      return { outcome: "delivered" as DeliveryOutcome, retryAfter: 0 };
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 429) {
        // Not sent: the row goes back to pending and is tried again after the wait Telegram asked for.
        return { outcome: "pending" as DeliveryOutcome, retryAfter: error.parameters.retry_after ?? 1 };
      }
      if (error instanceof GrammyError && error.error_code === 403)
        return { outcome: "blocked" as DeliveryOutcome, retryAfter: 0 };
      logger.warn({ err: error, chat: chatId }, "broadcast message failed");
      return { outcome: "failed" as DeliveryOutcome, retryAfter: 0 };
    }
  }

  async function report(id: number, key: "broadcast-progress" | "broadcast-done", counts: BroadcastCounts) {
    const broadcast = await repo.get(id);
    if (!broadcast) return;
    const locale = (await deps.users.find(broadcast.admin_id))?.locale ?? "en";
    const text = deps.i18n.t(locale, key, { id, ...counts, done: counts.total - counts.pending });
    if (key === "broadcast-done") {
      await api
        .sendMessage(broadcast.admin_chat_id, text)
        .catch((error) => logger.warn({ err: error }, "broadcast report not sent"));
    }
    if (broadcast.progress_message_id !== null) {
      await api
        .editMessageText(broadcast.admin_chat_id, broadcast.progress_message_id, text)
        .catch((error) => logger.debug({ err: error }, "broadcast progress not edited"));
    }
  }

  async function run(id: number): Promise<void> {
    const broadcast = await repo.get(id);
    if (broadcast?.status !== "sending") return;
    const entities = broadcast.entities ? (JSON.parse(broadcast.entities) as MessageEntity[]) : undefined;
    let sent = 0;
    while (!stopped) {
      const next = await repo.claimNext(id);
      if (!next) break;
      const { outcome, retryAfter } = await deliver(next.chat_id, broadcast.text, entities);
      await repo.settle(id, next.user_id, outcome);
      if (++sent % PROGRESS_EVERY === 0) await report(id, "broadcast-progress", await repo.counts(id));
      await pause(retryAfter > 0 ? retryAfter * 1000 : PACE_MS);
    }
    if (stopped) return;
    if (await repo.finish(id)) {
      const counts = await repo.counts(id);
      logger.info({ broadcast: id, ...counts }, "broadcast finished");
      await report(id, "broadcast-done", counts);
    }
  }

  /** Starts sending a broadcast unless it is already being sent. */
  function kick(id: number): void {
    if (stopped || running.has(id)) return;
    const task = run(id)
      .catch((error) => logger.error({ err: error, broadcast: id }, "broadcast stopped by an error"))
      .finally(() => running.delete(id));
    running.set(id, task);
  }

  return {
    kick,

    /** At start: broadcasts left sending resume; a row a crash left mid-send is counted failed, not resent. */
    async resume(): Promise<number> {
      const left = await repo.sending();
      for (const broadcast of left) {
        await repo.abandonInFlight(broadcast.id);
        logger.info({ broadcast: broadcast.id }, "resuming broadcast");
        kick(broadcast.id);
      }
      return left.length;
    },

    async stop(): Promise<void> {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(running.values());
    },
  };
}

export type Broadcasts = ReturnType<typeof createBroadcastSender>;
