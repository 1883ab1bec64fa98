import type { UserFromGetMe } from "grammy/types";
import { type ChatStore, createChatStore } from "./chat-store.js";
import { createFileStore, type FileStore } from "./file-store.js";
import type { UploadedFile } from "./multipart.js";
import type { Params } from "./params.js";
import type { EmulatorOptions } from "./types.js";
import { type Connection, createUpdateQueue, type UpdateQueue } from "./update-queue.js";

/** One Bot API request as a method handler sees it. */
export interface ApiRequest {
  method: string;
  params: Params;
  uploads: Map<string, UploadedFile>;
  connection: Connection;
}

/** Returns the `result` or throws a TelegramApiError. */
export type MethodHandler = (request: ApiRequest) => unknown;

/** Method handlers keyed by their Bot API name (matched case-insensitively, as Telegram does). */
export type MethodTable = Record<string, MethodHandler>;

/** State every part of the emulator shares. */
export interface EmulatorCore {
  token: string;
  botUser: UserFromGetMe;
  preCheckoutDeadlineMs: number;
  callbackQueryDeadlineMs: number;
  updates: UpdateQueue;
  chats: ChatStore;
  files: FileStore;
  violations: string[];
  violate(message: string): void;
  /** A timer that close() cancels. */
  later(ms: number, run: () => void): NodeJS.Timeout;
  cancel(timer: NodeJS.Timeout): void;
  clearTimers(): void;
  /** Unix time in seconds, as Telegram dates are. */
  now(): number;
}

export const DEFAULT_TOKEN = "123456789:TEST_emulator-token";

export function createCore(options: EmulatorOptions): EmulatorCore {
  const token = options.token ?? DEFAULT_TOKEN;
  const match = /^(\d+):[\w-]+$/.exec(token);
  if (match === null) throw new Error(`Telegram emulator: token must look like "<bot id>:<secret>", got "${token}"`);
  const botUser: UserFromGetMe = {
    id: Number(match[1]),
    is_bot: true,
    first_name: options.botFirstName ?? "Emulated Bot",
    username: options.botUsername ?? "emulated_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const violations: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  return {
    token,
    botUser,
    preCheckoutDeadlineMs: options.preCheckoutDeadlineMs ?? 10_000,
    callbackQueryDeadlineMs: options.callbackQueryDeadlineMs ?? 15_000,
    updates: createUpdateQueue(),
    chats: createChatStore(botUser),
    files: createFileStore(),
    violations,
    violate: (message) => {
      violations.push(message);
    },
    later(ms, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
      return timer;
    },
    cancel(timer) {
      clearTimeout(timer);
      timers.delete(timer);
    },
    clearTimers() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    now: () => Math.floor(Date.now() / 1000),
  };
}
