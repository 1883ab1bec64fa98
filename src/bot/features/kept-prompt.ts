import { Composer, InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { shownMinute } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { removeButtons } from "../screen.js";
import { rerun } from "./rerun.js";

/** How much of the kept prompt the offer quotes. */
const PROMPT_SHOWN = 200;

/**
 * After a purchase is credited: the request last refused for want of tokens, with its price and the
 * balance after it, and "▶️ Run it now". Not offered while the balance still falls short (the prompt
 * stays kept for the next purchase), nor for a model gone from the catalog.
 */
export async function offerKeptPrompt(ctx: BotContext): Promise<void> {
  const { keptPrompts, generations, catalog, ledger } = ctx.services;
  const kept = await keptPrompts.live(ctx.account.id);
  const job = kept ? await generations.get(kept.generation_id) : undefined;
  const model = job ? catalog.find(job.model)?.model : undefined;
  if (!kept || !job || !model) return;
  const balance = await ledger.balance(ctx.account.id);
  if (balance.total < job.price) return;
  const prompt = job.prompt
    ? escapeHtml(job.prompt.length > PROMPT_SHOWN ? `${job.prompt.slice(0, PROMPT_SHOWN)}…` : job.prompt)
    : ctx.t("kept-prompt-no-text");
  const text = ctx.t("kept-prompt-offer", {
    name: escapeHtml(model.name),
    prompt,
    price: job.price,
    after: balance.total - job.price,
    until: shownMinute(kept.expires_at),
  });
  const keyboard = new InlineKeyboard().text(ctx.t("btn-kept-prompt-run"), cb.keptPrompt.pack({ id: String(job.id) }));
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

/**
 * "▶️ Run it now": the kept request quoted again as usual (auto-confirm applies, or a Confirm step),
 * once: the press that claims the kept row runs it, any other press gets a toast.
 */
export const keptPromptFeature = new Composer<BotContext>();

keptPromptFeature.callbackQuery(cb.keptPrompt.filter, async (ctx) => {
  const { generations, catalog, keptPrompts } = ctx.services;
  const id = Number(cb.keptPrompt.unpack(ctx.callbackQuery.data).id);
  const job = Number.isSafeInteger(id) ? await generations.get(id) : undefined;
  const model = job && job.user_id === ctx.account.id ? catalog.find(job.model)?.model : undefined;
  if (!job || !model || !(await keptPrompts.claim(ctx.account.id, job.id))) {
    // The press that ran it took the button off already.
    return ctx.answerCallbackQuery(ctx.t("kept-prompt-gone"));
  }
  await ctx.answerCallbackQuery();
  await removeButtons(ctx);
  await rerun(ctx, job, model);
});
