import type { InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

/** The /settings row that turns broadcasts off or on for this user. */
export function addBroadcastOptOutRow(ctx: BotContext, keyboard: InlineKeyboard): void {
  const off = ctx.account.broadcast_opt_out === 1;
  const label = ctx.t(off ? "broadcast-settings-off" : "broadcast-settings-on");
  keyboard.row().text(label, cb.broadcastOptOut.pack({ on: off ? "1" : "0" }));
}
