import type { ApiCall, TelegramEmulator } from "../test/support/telegram/emulator.js";

/**
 * Waits for the bot's Bot API calls to a chat by reading the emulator's call log as it grows: one
 * cheap scan for all waiters, so 200 waiting users do not load the CPU the bot shares with us.
 */
export function watchCalls(tg: TelegramEmulator) {
  let seen = tg.calls.length;
  const waiters = new Set<{ chatId: number; test: (call: ApiCall) => boolean; resolve: (call: ApiCall) => void }>();
  const timer = setInterval(() => {
    for (; seen < tg.calls.length; seen++) {
      const call = tg.calls[seen]!;
      const chatId = Number(call.params.chat_id);
      for (const waiter of waiters) {
        if (waiter.chatId !== chatId || !waiter.test(call)) continue;
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }, 2);
  return {
    /** The next call to `chatId` that passes `test`; register before acting. */
    next(chatId: number, test: (call: ApiCall) => boolean, timeoutMs = 60_000): Promise<ApiCall> {
      return new Promise((resolve, reject) => {
        const waiter = {
          chatId,
          test,
          resolve: (call: ApiCall) => {
            clearTimeout(deadline);
            resolve(call);
          },
        };
        const deadline = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching Bot API call to chat ${chatId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: () => clearInterval(timer),
  };
}
