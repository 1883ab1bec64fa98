import { Composer } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { removeButtons } from "../screen.js";
import { rerun } from "./rerun.js";

/**
 * The Retry button under a failure notice: the failed job's request (model, prompt, files,
 * parameters) is quoted again as a new request, going through the usual price and confirm steps.
 * The job is read from storage, so the button works after a restart.
 */
export const retryFeature = new Composer<BotContext>();

/** Jobs retried by this process: a double tap (both queries sent before the button went) retries once. */
const retried = new Set<number>();

retryFeature.callbackQuery(cb.retry.filter, async (ctx) => {
  const { generations, catalog } = ctx.services;
  const id = Number(cb.retry.unpack(ctx.callbackQuery.data).id);
  const job = Number.isSafeInteger(id) ? await generations.get(id) : undefined;
  const mine = job && job.user_id === ctx.account.id && (job.status === "released" || job.status === "failed");
  const model = mine ? catalog.find(job.model)?.model : undefined;
  if (!job || !model) return ctx.answerCallbackQuery(ctx.t("ux-retry-gone"));
  if (retried.has(job.id)) return ctx.answerCallbackQuery(ctx.t("ux-retry-already"));
  retried.add(job.id);
  await ctx.answerCallbackQuery();
  // One retry per notice: a second tap must not quote (and perhaps run) the request twice.
  await removeButtons(ctx);
  await rerun(ctx, job, model);
});
