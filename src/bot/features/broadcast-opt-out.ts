import { Composer } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { showScreen } from "../screen.js";
import { settingsScreen } from "./settings.js";

/** Turns broadcasts off or on from the /settings row, then shows the settings again. */
export const broadcastOptOutFeature = new Composer<BotContext>();

broadcastOptOutFeature.callbackQuery(cb.broadcastOptOut.filter, async (ctx) => {
  const on = cb.broadcastOptOut.unpack(ctx.callbackQuery.data).on === "1";
  await ctx.services.users.setBroadcastOptOut(ctx.account.id, !on);
  ctx.account = { ...ctx.account, broadcast_opt_out: on ? 0 : 1 };
  await ctx.answerCallbackQuery(ctx.t("settings-saved"));
  await showScreen(ctx, settingsScreen(ctx));
});
