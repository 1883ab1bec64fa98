import { Composer, InlineKeyboard } from "grammy";
import type { HistoryItem } from "../../storage/ledger-history-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { shownMinute } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { keyboardOf } from "../keyboards/grid.js";
import { type Screen, showScreen } from "../screen.js";
import { productName } from "./payment-texts.js";

const PAGE = 10;

/** One ledger entry in plain words: what happened, and the change of the balance. */
function describe(ctx: BotContext, item: HistoryItem): string {
  const product = productName(ctx, item.source ?? "");
  const model = () => escapeHtml(ctx.services.catalog.find(item.source ?? "")?.model.name ?? item.source ?? "?");
  switch (item.kind) {
    case "hold": {
      const line = ctx.t(item.holdStatus === "held" ? "history-generation-running" : "history-generation", {
        model: model(),
      });
      return item.origin === "api" ? `${line} ${ctx.t("api-history-mark")}` : line;
    }
    case "cycle": {
      const plan = ctx.services.catalog.plans.find((p) => p.id === item.source);
      return ctx.t("history-cycle", { product, tokens: plan?.monthlyTokens ?? "?" });
    }
    case "purchase":
    case "expiry":
    case "refund":
      return ctx.t(`history-${item.kind}`, { product });
    case "welcome":
    case "grant":
    case "referral":
      return ctx.t(`history-${item.kind}`);
    default:
      return ctx.t("history-credit");
  }
}

export async function historyScreen(ctx: BotContext, page: number): Promise<Screen> {
  const items = await ctx.services.history.page(ctx.account.id, PAGE + 1, page * PAGE);
  const lines = items.slice(0, PAGE).map((item) => {
    const delta = item.delta > 0 ? `+${item.delta}` : String(item.delta);
    return ctx.t("history-line", { date: shownMinute(item.createdAt), what: describe(ctx, item), delta });
  });
  const paging = [
    ...(page > 0 ? [InlineKeyboard.text(ctx.t("btn-history-newer"), cb.history.pack({ page: String(page - 1) }))] : []),
    ...(items.length > PAGE
      ? [InlineKeyboard.text(ctx.t("btn-history-older"), cb.history.pack({ page: String(page + 1) }))]
      : []),
  ];
  const keyboard = keyboardOf([paging, [InlineKeyboard.text(ctx.t("btn-back"), cb.menu.pack({ screen: "balance" }))]]);
  const text = ctx.t("history-screen", { lines: lines.length ? lines.join("\n") : ctx.t("history-empty") });
  return { text, keyboard };
}

/** The ledger behind /balance, newest first, so every token can be accounted for. */
export const historyFeature = new Composer<BotContext>();

historyFeature.callbackQuery(cb.history.filter, async (ctx) => {
  const page = Number(cb.history.unpack(ctx.callbackQuery.data).page);
  await ctx.answerCallbackQuery();
  await showScreen(ctx, await historyScreen(ctx, Number.isSafeInteger(page) && page >= 0 ? page : 0));
});
