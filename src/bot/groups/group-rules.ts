import type { ModelSpec } from "../../catalog/types.js";
import type { BotContext } from "../context.js";
import type { Screen } from "../screen.js";
import type { RequestPlace } from "./asker.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A group's own rules on top of the asker's plan: the model kinds its admins allow, and (once the
 * price is known) the per-member daily cap in this group. Undefined when the request may go on.
 */
export async function groupRuleRefusal(
  ctx: BotContext,
  place: RequestPlace,
  model: ModelSpec,
  price?: number,
): Promise<Screen | undefined> {
  if (place.guestQueryId !== undefined || place.chatId === ctx.account.id) return undefined;
  const settings = await ctx.services.groupSettings.get(place.chatId);
  if (settings.kinds !== null && !settings.kinds.includes(model.kind)) {
    return { text: ctx.t("groups-kind-off", { kind: ctx.t(`category-${model.kind}`) }) };
  }
  if (price === undefined || settings.memberDailyCap === null) return undefined;
  const since = Date.now() - DAY_MS;
  const spent = await ctx.services.generations.spentInChat(ctx.account.id, place.chatId, since);
  if (spent + price > settings.memberDailyCap) {
    return { text: ctx.t("groups-cap-reached", { cap: settings.memberDailyCap, spent }) };
  }
  return undefined;
}
