import { Composer, InlineKeyboard } from "grammy";
import type { ModelSpec, ParamValue } from "../../catalog/types.js";
import type { InputRef } from "../../generation/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { refusalScreen } from "../refusals.js";
import { showScreen } from "../screen.js";
import { inputKey, pendingInputs } from "./inputs.js";
import { paramsSummary } from "./model-card.js";
import { pendingForTextModel } from "./text-model-files.js";

/** A user's request to the selected model: quote it, then run it at once or ask to confirm. */
export async function requestGeneration(
  ctx: BotContext,
  model: ModelSpec,
  prompt: string | null,
  inputs: InputRef[] = [],
  options: { params?: Record<string, ParamValue>; transcribeWith?: ModelSpec } = {},
) {
  const { engine, users, ledger } = ctx.services;
  const user = await users.get(ctx.account.id);
  const params = { ...users.modelParams(user)[model.slug], ...options.params };
  let job: GenerationRow;
  // The message that asked is the request's identity: delivered twice (a crash before the polling
  // offset was confirmed, a webhook retry), it still makes one job and one charge.
  const request = ctx.message && ctx.chat ? { chatId: ctx.chat.id, messageId: ctx.message.message_id } : undefined;
  try {
    const quoted = await engine.quote({
      userId: user.id,
      chatId: ctx.chat?.id ?? user.id,
      model,
      params,
      prompt,
      inputs,
      transcribeWith: options.transcribeWith,
      request,
    });
    job = quoted.job;
    // A repeat goes on only where the first delivery stopped before the user saw anything.
    if (!quoted.created && (job.status !== "quoted" || job.quote_message_id !== null)) {
      ctx.logger.info({ generation: job.id, request }, "request message seen before: no second job");
      return;
    }
  } catch (error) {
    const refusal = refusalScreen(ctx, error);
    if (!refusal) throw error;
    return ctx.reply(refusal.text, { parse_mode: "HTML", reply_markup: refusal.keyboard });
  }
  const balance = await ledger.balance(user.id);
  const autoConfirm = model.kind === "text" && job.price <= user.auto_confirm;
  if (autoConfirm && job.price <= balance.total) return confirmJob(ctx, job.id);
  if (job.price > balance.total) return confirmJob(ctx, job.id); // refused with the price, the balance and buy buttons
  const keyboard = new InlineKeyboard()
    .text(ctx.t("btn-confirm", { price: job.price }), cb.confirm.pack({ id: String(job.id) }))
    .text(ctx.t("btn-cancel"), cb.cancel.pack({ id: String(job.id) }));
  const summary = model.kind === "text" ? "" : paramsSummary(ctx, model, params);
  const text = ctx.t("quote", { name: escapeHtml(model.name), price: job.price, balance: balance.total });
  const quote = await ctx.reply(summary ? `${text}\n${escapeHtml(summary)}` : text, {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
  await ctx.services.generations.update(job.id, { quote_message_id: quote.message_id });
}

/** Holds the price and starts the job; a refusal replaces the quote (or is sent) with its reason and buttons. */
async function confirmJob(ctx: BotContext, id: number) {
  try {
    // Nothing started (another tap or a cancel got there first): whoever did owns the message.
    await ctx.services.engine.confirm(id, ctx.account.id);
  } catch (error) {
    await ctx.services.engine.cancel(id, ctx.account.id);
    const refusal = refusalScreen(ctx, error);
    if (!refusal) throw error;
    await showScreen(ctx, refusal);
  }
}

export const promptFeature = new Composer<BotContext>();

promptFeature.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  const slug = ctx.account.selected_model;
  const found = slug ? ctx.services.catalog.find(slug) : undefined;
  if (!found) return ctx.reply(ctx.t("no-model-selected"));
  const { model } = found;
  const pending = pendingInputs(ctx);
  switch (model.input) {
    case "prompt": {
      // A photo or a document sent first: this text is the question about it.
      const file = model.kind === "text" ? pendingForTextModel(model, pending) : undefined;
      if (file) await ctx.services.users.setPendingInputs(ctx.account.id, null);
      return requestGeneration(ctx, model, ctx.message.text, file ? [file] : []);
    }
    case "prompt+image?":
    case "image+prompt":
      if (model.input === "image+prompt" && pending.length === 0)
        return ctx.reply(ctx.t("model-card-send-image-prompt"));
      await ctx.services.users.setPendingInputs(ctx.account.id, null);
      return requestGeneration(ctx, model, ctx.message.text, pending.slice(0, 1));
    default:
      return ctx.reply(ctx.t(`model-card-send-${inputKey(model)}`));
  }
});

promptFeature.callbackQuery(cb.confirm.filter, async (ctx) => {
  const id = Number(cb.confirm.unpack(ctx.callbackQuery.data).id);
  const job = Number.isSafeInteger(id) ? await ctx.services.generations.get(id) : undefined;
  // A second tap, or a stale quote, gets a toast: the message may be a running job's progress by now.
  if (!job || job.user_id !== ctx.account.id || job.status === "cancelled") {
    return ctx.answerCallbackQuery(ctx.t("quote-expired"));
  }
  if (job.status !== "quoted") return ctx.answerCallbackQuery(ctx.t("ux-confirm-already"));
  await ctx.answerCallbackQuery();
  await confirmJob(ctx, id);
});

promptFeature.callbackQuery(cb.cancel.filter, async (ctx) => {
  const id = Number(cb.cancel.unpack(ctx.callbackQuery.data).id);
  const result = await ctx.services.engine.cancel(id, ctx.account.id);
  await ctx.answerCallbackQuery();
  if (result === "dropped") await showScreen(ctx, { text: ctx.t("quote-cancelled") });
  else if (result === "too-late") await ctx.editMessageReplyMarkup().catch(() => {});
  // "cancelled": the job runner tells the user, editing its progress message.
});
