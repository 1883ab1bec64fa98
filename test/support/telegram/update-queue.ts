import type { Update } from "grammy/types";
import { TelegramApiError } from "./api-error.js";

/** The live HTTP request a long poll answers; a closed one (aborted by the bot) gets nothing. */
export interface Connection {
  isOpen(): boolean;
  onClose(listener: () => void): void;
}

export interface PollOptions {
  offset: number | undefined;
  limit: number;
  timeoutSeconds: number;
  allowedUpdates: string[] | undefined;
}

/** Telegram's getUpdates queue: confirmed by offset, filtered by the remembered allowed_updates. */
export interface UpdateQueue {
  push(update: Omit<Update, "update_id">): Update;
  poll(options: PollOptions, connection: Connection): Promise<Update[]>;
  /** Updates not yet confirmed by an offset (delivered or not). */
  pending(): readonly Update[];
  /** How many pending updates were never handed to the bot. */
  undeliveredCount(): number;
  /** Updates thrown away because allowed_updates excluded their type. */
  readonly dropped: Update[];
  /** Remembers allowed_updates as setWebhook gives them (getUpdates passes them to `poll`). */
  allow(allowedUpdates: string[] | undefined): void;
  /** The pending updates a webhook may deliver (allowed_updates applied), oldest first. */
  deliverable(): readonly Update[];
  /** A webhook delivery is under way (it no longer counts as never handed to the bot). */
  markDelivered(updateId: number): void;
  /** A webhook delivery was answered 2xx: the update is confirmed, as an offset confirms a poll's. */
  remove(updateId: number): void;
  /** Called after each new update is queued. */
  onPush(listener: () => void): void;
  dropPending(): void;
  close(): void;
}

/** Telegram's default when allowed_updates is empty or was never set. */
const EXCLUDED_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
/** A replaced long poll gets this long to turn out to have been aborted before it counts as a conflict. */
const CONFLICT_GRACE_MS = 50;

interface Waiter {
  limit: number;
  connection: Connection;
  finish(updates: Update[]): void;
  fail(error: TelegramApiError): void;
}

export function updateType(update: Update | Omit<Update, "update_id">): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

export function createUpdateQueue(firstUpdateId = 100_000 + Math.floor(Math.random() * 800_000)): UpdateQueue {
  let nextId = firstUpdateId;
  let queue: Update[] = [];
  let allowed: Set<string> | undefined;
  let waiter: Waiter | undefined;
  const delivered = new Set<number>();
  const dropped: Update[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const pushListeners: Array<() => void> = [];

  const allow = (list: string[] | undefined): void => {
    if (list !== undefined) allowed = list.length === 0 ? undefined : new Set(list);
  };

  const isAllowed = (update: Update): boolean => {
    const type = updateType(update);
    return allowed === undefined ? !EXCLUDED_BY_DEFAULT.has(type) : allowed.has(type);
  };

  const filterAllowed = (): void => {
    dropped.push(...queue.filter((update) => !isAllowed(update)));
    queue = queue.filter(isAllowed);
  };

  const take = (limit: number): Update[] => {
    filterAllowed();
    const batch = queue.slice(0, limit);
    for (const update of batch) delivered.add(update.update_id);
    return batch;
  };

  const confirm = (offset: number | undefined): void => {
    if (offset === undefined || offset === 0) return;
    queue = offset > 0 ? queue.filter((update) => update.update_id >= offset) : queue.slice(offset);
  };

  const replace = (previous: Waiter): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!previous.connection.isOpen()) return previous.finish([]);
      previous.fail(
        new TelegramApiError(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
          { hint: "two getUpdates long polls overlapped: is a second bot instance polling the same token?" },
        ),
      );
    }, CONFLICT_GRACE_MS);
    timers.add(timer);
  };

  return {
    dropped,
    push(partial) {
      const update = { update_id: nextId++, ...partial } as Update;
      queue.push(update);
      if (waiter !== undefined) {
        const batch = take(waiter.limit);
        if (batch.length > 0) waiter.finish(batch);
      }
      for (const listener of pushListeners) listener();
      return update;
    },
    poll(options, connection) {
      allow(options.allowedUpdates);
      confirm(options.offset);
      if (waiter !== undefined) {
        const previous = waiter;
        waiter = undefined;
        replace(previous);
      }
      const batch = take(options.limit);
      if (batch.length > 0 || options.timeoutSeconds <= 0) return Promise.resolve(batch);
      return new Promise<Update[]>((resolve, reject) => {
        const settle = (): void => {
          clearTimeout(timer);
          timers.delete(timer);
          if (waiter === current) waiter = undefined;
        };
        const current: Waiter = {
          limit: options.limit,
          connection,
          finish: (updates) => {
            settle();
            resolve(updates);
          },
          fail: (error) => {
            settle();
            reject(error);
          },
        };
        const timer = setTimeout(() => current.finish([]), options.timeoutSeconds * 1000);
        timers.add(timer);
        waiter = current;
        connection.onClose(() => {
          if (waiter === current) current.finish([]);
        });
      });
    },
    allow,
    deliverable() {
      filterAllowed();
      return queue;
    },
    markDelivered: (updateId) => void delivered.add(updateId),
    remove(updateId) {
      queue = queue.filter((update) => update.update_id !== updateId);
    },
    onPush: (listener) => void pushListeners.push(listener),
    pending: () => queue,
    undeliveredCount: () => queue.filter((update) => !delivered.has(update.update_id)).length,
    dropPending() {
      queue = [];
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      waiter?.finish([]);
      waiter = undefined;
    },
  };
}
