import { Composer, InlineKeyboard } from "grammy";
import { quotePrice } from "../../catalog/pricing.js";
import { type FollowUp, upstreamParams } from "../../generation/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { UPSCALE_TOOL } from "../delivery/result-actions.js";
import { escapeHtml } from "../formatting/html.js";
import { keyboardOf } from "../keyboards/grid.js";
import { imageEditorFor, imageOf } from "./image-editor.js";
import { requestGeneration } from "./prompt.js";
import { rerun } from "./rerun.js";

/**
 * The buttons under results (see delivery/result-actions): each reads its job from storage, so it
 * works after a restart, and each goes through the usual quote, so nothing is spent unpriced.
 */
export const resultActionsFeature = new Composer<BotContext>();

/** Settled jobs a button may act on: the result exists. */
const DONE = ["delivered", "captured"];

resultActionsFeature.callbackQuery(cb.action.filter, async (ctx) => {
  const { do: action, id, arg } = cb.action.unpack(ctx.callbackQuery.data);
  const jobId = Number(id);
  const job = Number.isSafeInteger(jobId) ? await ctx.services.generations.get(jobId) : undefined;
  const model = job ? ctx.services.catalog.find(job.model)?.model : undefined;
  if (!job || !model || job.user_id !== ctx.account.id || !DONE.includes(job.status)) {
    return ctx.answerCallbackQuery(ctx.t("act-gone"));
  }
  switch (action) {
    case "rg":
      await ctx.answerCallbackQuery();
      return requestGeneration(ctx, model, job.prompt, [], { context: { mode: "regenerate", jobId: job.id } });
    case "om": {
      await ctx.answerCallbackQuery();
      const keyboard = await otherModels(ctx, job);
      if (keyboard.inline_keyboard.flat().length > 0)
        return ctx.reply(ctx.t("act-other-model-choose"), { reply_markup: keyboard });
      // Nothing else to offer on this plan: say so, with the way to unlock the rest.
      const plans = new InlineKeyboard().text(ctx.t("btn-plans"), cb.menu.pack({ screen: "plans" }));
      return ctx.reply(ctx.t("act-other-model-none"), { reply_markup: plans });
    }
    case "os": {
      const other = ctx.services.catalog.find(arg)?.model;
      if (other?.kind !== "text") return ctx.answerCallbackQuery(ctx.t("act-gone"));
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup().catch(() => {});
      return requestGeneration(ctx, other, job.prompt, [], { context: { mode: "regenerate", jobId: job.id } });
    }
    case "ag":
      await ctx.answerCallbackQuery();
      return rerun(ctx, job, model);
    case "up":
    case "ed":
      return onImage(ctx, action);
    case "mu":
    case "mv":
      return followUp(ctx, job, action === "mu" ? "upscale" : "variation", Number(arg));
    default:
      return ctx.answerCallbackQuery(ctx.t("act-gone"));
  }
});

/** ⬆️ Upscale and ✏️ Edit act on the photo the button is under. */
async function onImage(ctx: BotContext, action: "up" | "ed") {
  const image = imageOf(ctx.callbackQuery?.message);
  if (!image) return ctx.answerCallbackQuery(ctx.t("act-gone"));
  const { catalog, users } = ctx.services;
  if (action === "up") {
    const tool = catalog.find(UPSCALE_TOOL)?.model;
    if (!tool) return ctx.answerCallbackQuery(ctx.t("act-gone"));
    await ctx.answerCallbackQuery();
    return requestGeneration(ctx, tool, null, [image]);
  }
  const editor = await imageEditorFor(ctx);
  if (!editor) return ctx.answerCallbackQuery(ctx.t("error-model-unavailable", { name: ctx.t("act-btn-edit") }));
  await ctx.answerCallbackQuery();
  // The editor is selected with the photo waiting: the next text is its instruction.
  await users.selectModel(ctx.account.id, editor.slug);
  await users.setPendingInputs(ctx.account.id, [image]);
  const price = quotePrice(editor, users.modelParams(await users.get(ctx.account.id))[editor.slug] ?? {}).token_cost;
  return ctx.reply(ctx.t("act-edit-prompt", { name: escapeHtml(editor.name), price }), { parse_mode: "HTML" });
}

/** U1–U4, V1–V4 under a Midjourney grid: LegNext's upscale or variation of that image, priced as shown. */
async function followUp(ctx: BotContext, job: GenerationRow, action: FollowUp["action"], imageNo: number) {
  const model = ctx.services.catalog.find(job.model)?.model;
  if (!model || !job.provider_job_id || !Number.isInteger(imageNo) || imageNo < 0 || imageNo > 3) {
    return ctx.answerCallbackQuery(ctx.t("act-gone"));
  }
  await ctx.answerCallbackQuery();
  return requestGeneration(ctx, model, job.prompt, [], {
    params: upstreamParams(job),
    followUp: { action, jobId: job.provider_job_id, imageNo },
  });
}

/** 🔀 Other model: the text models this user's plan unlocks and that run now, with prices; not the answer's own. */
async function otherModels(ctx: BotContext, job: GenerationRow): Promise<InlineKeyboard> {
  const { catalog, engine, accounts } = ctx.services;
  const plan = await accounts.currentPlan(ctx.account.id);
  const rows = catalog
    .byKind("text")
    .filter((m) => m.slug !== job.model && engine.isAvailable(m.slug) && catalog.isUnlocked(m, plan))
    .map((model) => {
      const text = ctx.t("act-model-button", { name: model.name, price: quotePrice(model, {}).token_cost });
      return [InlineKeyboard.text(text, cb.action.pack({ do: "os", id: String(job.id), arg: model.slug }))];
    });
  return keyboardOf(rows);
}
