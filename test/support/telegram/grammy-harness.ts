import type { Bot, Context, PollingOptions } from "grammy";

/** A bot polling the emulator; stop() before closing the emulator. */
export interface PollingBot {
  stop(): Promise<void>;
  /** Errors that ended polling (grammY's default error handler stops the bot and rethrows). */
  errors: unknown[];
}

/**
 * Starts `bot.start()` long polling (1 s long-poll timeout so stops are quick) and resolves once
 * grammY is polling. The bot must have been created with `client: { apiRoot: emulator.apiRoot }`.
 */
export async function startPolling<C extends Context>(bot: Bot<C>, options: PollingOptions = {}): Promise<PollingBot> {
  const errors: unknown[] = [];
  let running: Promise<void> | undefined;
  await new Promise<void>((resolve, reject) => {
    running = bot
      .start({
        timeout: 1,
        ...options,
        onStart: async (info) => {
          await options.onStart?.(info);
          resolve();
        },
      })
      .catch((error: unknown) => {
        errors.push(error);
        reject(error);
      });
  });
  return {
    errors,
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await running;
    },
  };
}
