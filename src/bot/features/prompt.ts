import { Composer, InlineKeyboard } from "grammy";
import { InsufficientTokens } from "../../billing/errors.js";
import type { ModelSpec, ParamValue } from "../../catalog/types.js";
import type { ContextOf, FollowUp, InputRef } from "../../generation/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { isSharedRequest, requestPlace, showToAsker } from "../groups/asker.js";
import { groupRuleRefusal } from "../groups/group-rules.js";
import { showToGuest } from "../groups/guest-replies.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";
import { refusalScreen } from "../refusals.js";
import { removeButtons, type Screen, showScreen } from "../screen.js";
import { inputKey, pendingInputs } from "./inputs.js";
import { paramsSummary } from "./param-labels.js";
import { pendingForTextModel } from "./text-model-files.js";

/** A user's request to the selected model: quote it, then run it at once or ask to confirm. */
export async function requestGeneration(
  ctx: BotContext,
  model: ModelSpec,
  prompt: string | null,
  inputs: InputRef[] = [],
  options: {
    params?: Record<string, ParamValue>;
    transcribeWith?: ModelSpec;
    followUp?: FollowUp;
    context?: ContextOf;
  } = {},
) {
  const { engine, users, ledger } = ctx.services;
  const user = { id: ctx.account.id, ...(await users.columns(ctx.account.id, ["model_params", "auto_confirm"])) };
  const params = { ...users.modelParams(user)[model.slug], ...options.params };
  const place = requestPlace(ctx, user.id);
  const kindOff = await groupRuleRefusal(ctx, place, model);
  if (kindOff) return showRefusal(ctx, kindOff);
  let job: GenerationRow;
  // The message that asked is the request's identity: delivered twice (a crash before the polling
  // offset was confirmed, a webhook retry), it still makes one job and one charge.
  const asked = ctx.message ?? ctx.update.guest_message;
  const request = asked && ctx.chat ? { chatId: ctx.chat.id, messageId: asked.message_id } : undefined;
  try {
    const quoted = await engine.quote({
      userId: user.id,
      ...place,
      model,
      params,
      prompt,
      inputs,
      transcribeWith: options.transcribeWith,
      followUp: options.followUp,
      context: options.context,
      request,
    });
    job = quoted.job;
    // A repeat goes on only where the first delivery stopped before the user saw anything.
    const shown = job.quote_message_id !== null || job.inline_message_id !== null;
    if (!quoted.created && (job.status !== "quoted" || shown)) {
      ctx.logger.info({ generation: job.id, request }, "request message seen before: no second job");
      return;
    }
  } catch (error) {
    const refusal = refusalScreen(ctx, error);
    if (!refusal) throw error;
    return showRefusal(ctx, refusal);
  }
  const capped = await groupRuleRefusal(ctx, place, model, job.price);
  if (capped) {
    await engine.cancel(job.id, user.id);
    return showRefusal(ctx, capped);
  }
  const balance = await ledger.balance(user.id);
  const autoConfirm = model.kind === "text" && job.price <= user.auto_confirm;
  if (autoConfirm && job.price <= balance.total) return confirmJob(ctx, job);
  if (job.price > balance.total) return confirmJob(ctx, job); // refused with the price, the balance and buy buttons
  const keyboard = new InlineKeyboard()
    .text(ctx.t("btn-confirm", { price: job.price }), cb.confirm.pack({ id: String(job.id) }))
    .text(ctx.t("btn-cancel"), cb.cancel.pack({ id: String(job.id) }));
  const summary = model.kind === "text" ? "" : paramsSummary(ctx, model, params);
  const text = ctx.t("quote", { name: escapeHtml(model.name), price: job.price, balance: balance.total });
  const quoteText = summary ? `${text}\n${escapeHtml(summary)}` : text;
  // The quote shows the asker's balance: outside their private chat only they may see it.
  if (ctx.update.guest_message) return showToGuest(ctx, { text: quoteText, keyboard }, job.id);
  if (isSharedRequest(ctx)) return showToAsker(ctx, { text: quoteText, keyboard }, { actionable: true });
  const quote = await ctx.reply(quoteText, { parse_mode: "HTML", reply_markup: keyboard });
  await ctx.services.generations.update(job.id, { quote_message_id: quote.message_id });
}

/** A refusal names the asker's balance and plan: in a group or as a guest, only the asker sees it. */
async function showRefusal(ctx: BotContext, refusal: Screen) {
  if (ctx.update.guest_message || ctx.callbackQuery?.inline_message_id) return showToGuest(ctx, refusal);
  if (isSharedRequest(ctx)) return showToAsker(ctx, refusal, { actionable: false });
  if (ctx.callbackQuery) return showScreen(ctx, refusal);
  await ctx.reply(refusal.text, { parse_mode: "HTML", reply_markup: refusal.keyboard });
}

/**
 * Holds the price and starts the job (its row as this update just read it); a refusal replaces the
 * quote (or is sent) with its reason and buttons.
 */
async function confirmJob(ctx: BotContext, job: GenerationRow) {
  const { id } = job;
  try {
    // Nothing started (another tap or a cancel got there first): whoever did owns the message.
    await ctx.services.engine.confirm(id, ctx.account.id, job);
  } catch (error) {
    await ctx.services.engine.cancel(id, ctx.account.id);
    const refusal = refusalScreen(ctx, error);
    if (!refusal) throw error;
    if (!(error instanceof InsufficientTokens) || !inOwnChat(ctx)) return showRefusal(ctx, refusal);
    // Out of tokens in the user's own chat: the request is kept, and offered again after a purchase.
    await ctx.services.keptPrompts.keep(ctx.account.id, id);
    await showRefusal(ctx, { ...refusal, text: `${refusal.text}\n\n${ctx.t("kept-prompt-note")}` });
  }
}

/** The user's private chat with the bot, not a group and not a guest query. */
const inOwnChat = (ctx: BotContext) =>
  ctx.chat?.type === "private" && !ctx.update.guest_message && !ctx.callbackQuery?.inline_message_id;

/**
 * No model chosen yet (a new user's first message): the engine's default text model answers, and
 * stays selected, so the first question needs no visit to /models.
 */
async function selectDefaultModel(ctx: BotContext): Promise<ModelSpec | undefined> {
  const model = ctx.services.engine.defaultTextModel();
  if (!model) return undefined;
  await ctx.services.users.selectModel(ctx.account.id, model.slug);
  ctx.account = { ...ctx.account, selected_model: model.slug };
  return model;
}

export const promptFeature = new Composer<BotContext>();

promptFeature.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  const text = ctx.groupPrompt ?? ctx.message.text;
  // "@bot" alone: nothing to answer.
  if (text === "")
    return ctx.reply(ctx.t("groups-empty-prompt"), { reply_parameters: { message_id: ctx.message.message_id } });
  const slug = ctx.account.selected_model;
  const model = (slug ? ctx.services.catalog.find(slug)?.model : undefined) ?? (await selectDefaultModel(ctx));
  if (!model) return ctx.reply(ctx.t("no-model-selected"));
  const pending = pendingInputs(ctx);
  switch (model.input) {
    case "prompt": {
      // A photo or a document sent first (or chosen in the photo offer): this text is the question about it.
      const file = model.kind === "text" ? pendingForTextModel(model, pending) : undefined;
      if (file) await ctx.services.users.setPendingInputs(ctx.account.id, null);
      return requestGeneration(ctx, model, text, file ? [file] : []);
    }
    case "prompt+image?":
    case "image+prompt":
      if (model.input === "image+prompt" && pending.length === 0)
        return ctx.reply(ctx.t("model-card-send-image-prompt", { name: model.name }));
      await ctx.services.users.setPendingInputs(ctx.account.id, null);
      return requestGeneration(ctx, model, text, pending.slice(0, 1));
    default:
      return ctx.reply(ctx.t(`model-card-send-${inputKey(model)}`, { name: model.name }));
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
  await confirmJob(ctx, job);
});

promptFeature.callbackQuery(cb.cancel.filter, async (ctx) => {
  const id = Number(cb.cancel.unpack(ctx.callbackQuery.data).id);
  const result = await ctx.services.engine.cancel(id, ctx.account.id);
  await ctx.answerCallbackQuery();
  // A quote shown only to the asker (ephemeral, or a guest's inline message) is answered the same way.
  if (result === "dropped") {
    // In the user's own chat, a way back to the menu; elsewhere the menu is not theirs to open.
    const keyboard = inOwnChat(ctx) ? createBackKeyboard(ctx) : undefined;
    await showRefusal(ctx, { text: ctx.t("quote-cancelled"), keyboard });
  } else if (result === "too-late") await removeButtons(ctx);
  // "cancelled": the job runner tells the user, editing its progress message.
});
