import type { Middleware } from "grammy";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";
import type { Services } from "../services.js";

/** Puts the services and a child logger tagged with the update id and the user's id on the context. */
export function servicesMiddleware(services: Services, logger: Logger): Middleware<BotContext> {
  return (ctx, next) => {
    ctx.services = services;
    ctx.logger = logger.child({ update_id: ctx.update.update_id, user_id: ctx.from?.id });
    return next();
  };
}
