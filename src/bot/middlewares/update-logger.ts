import type { Middleware } from "grammy";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";
import type { Services } from "../services.js";

/**
 * Puts the services and a child logger tagged with the update id and the user's id on the context.
 * The child is made when first used: most updates log nothing, and making one costs a profile's percent.
 */
export function servicesMiddleware(services: Services, logger: Logger): Middleware<BotContext> {
  return (ctx, next) => {
    ctx.services = services;
    let child: Logger | undefined;
    Object.defineProperty(ctx, "logger", {
      configurable: true,
      enumerable: true,
      get: () => {
        child ??= logger.child({ update_id: ctx.update.update_id, user_id: ctx.from?.id });
        return child;
      },
      set: (value: Logger) => {
        child = value;
      },
    });
    return next();
  };
}
