import type { BotContext } from "../context.js";

/** The one test of who may run admin commands: the sender is listed in ADMIN_IDS. */
export function isAdmin(ctx: BotContext): boolean {
  return ctx.from !== undefined && ctx.services.config.adminIds.includes(ctx.from.id);
}
