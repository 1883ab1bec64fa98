import { type Bot, GrammyError } from "grammy";
import type { Config } from "../config.js";
import { StartupError, withDeadline } from "../startup.js";

/** grammY types its signals with the abort-controller shim; at run time it is the platform's. */
type ApiSignal = NonNullable<Parameters<Bot["init"]>[0]>;

/**
 * Runs a start-up call to the Bot API under the start-up deadline (network errors are otherwise
 * retried for up to an hour without a word), turning failures into one line naming the variable.
 */
export function reachTelegram(config: Pick<Config, "telegramApiRoot" | "startupTimeoutMs">) {
  return async <T>(call: (signal: ApiSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    const seconds = Math.round(config.startupTimeoutMs / 1000);
    try {
      return await withDeadline(call(controller.signal as unknown as ApiSignal), config.startupTimeoutMs, () => {
        controller.abort();
        return new StartupError(
          `Start-up error: TELEGRAM_API_ROOT ${config.telegramApiRoot} did not answer within ${seconds} s`,
        );
      });
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new StartupError(
          `Start-up error: BOT_TOKEN was rejected by TELEGRAM_API_ROOT ${config.telegramApiRoot} (${error.error_code} ${error.description})`,
        );
      }
      throw error;
    }
  };
}
