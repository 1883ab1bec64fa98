import type { Middleware } from "grammy";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";

/**
 * Handles each update id once across retries and instances. The id is recorded before the update
 * is handled: a crash mid-way loses that update rather than running it twice (a paid action must
 * never repeat; the user can send it again). `seen` counts updates by type for `/metrics`.
 */
export function dedupeUpdates(
  firstDelivery: (updateId: number) => Promise<boolean>,
  logger: Logger,
  seen?: (type: string, duplicate: boolean) => void,
): Middleware<BotContext> {
  return async (ctx, next) => {
    const type = Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown";
    const first = await firstDelivery(ctx.update.update_id);
    seen?.(type, !first);
    if (!first) {
      logger.info({ update_id: ctx.update.update_id, type }, "update delivered again; skipped");
      return;
    }
    await next();
  };
}
