import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { quotePrice } from "../../catalog/pricing.js";
import type { ModelSpec } from "../../catalog/types.js";
import { isVisionCapable } from "../../catalog/vision.js";
import type { InputRef } from "../../generation/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { balancedRows, keyboardOf } from "../keyboards/grid.js";
import { priceLabel } from "../keyboards/model-list.js";
import { imageOf } from "./image-editor.js";
import { requestGeneration } from "./prompt.js";

/**
 * A photo sent while no image tool is selected: instead of a dead end, the image tools and editors
 * and the vision-capable text models this user can run now, as buttons with their prices. The
 * offer replies to the photo, so a button finds the photo (and its caption, the prompt) in the
 * message it is under — after a restart too.
 */
export async function offerPhotoTools(ctx: BotContext) {
  const { catalog, engine, accounts } = ctx.services;
  const plan = await accounts.currentPlan(ctx.account.id);
  const usable = (m: ModelSpec) => catalog.isUnlocked(m, plan) && engine.isAvailable(m.slug);
  const tools = catalog.models.filter((m) => (m.kind === "tool" || m.kind === "image") && m.input.includes("image"));
  const vision = catalog.byKind("text").filter(isVisionCapable);
  const offered = [...tools, ...vision].filter(usable);
  const buttons = offered.map((model) => {
    const key = model.kind === "text" ? "offer-photo-ask-button" : "offer-photo-tool-button";
    const text = ctx.t(key, { name: model.name, price: priceLabel(model) });
    return InlineKeyboard.text(text, cb.photoOffer.pack({ slug: model.slug }));
  });
  const keyboard = keyboardOf(balancedRows(buttons, 2));
  if (offered.length === 0) return ctx.reply(ctx.t("input-image-unexpected"));
  return ctx.reply(ctx.t("offer-photo-choose"), {
    reply_markup: keyboard,
    reply_parameters: ctx.message
      ? { message_id: ctx.message.message_id, allow_sending_without_reply: true }
      : undefined,
  });
}

export const photoOfferFeature = new Composer<BotContext>();

photoOfferFeature.callbackQuery(cb.photoOffer.filter, async (ctx) => {
  const model = ctx.services.catalog.find(cb.photoOffer.unpack(ctx.callbackQuery.data).slug)?.model;
  const message = ctx.callbackQuery.message as Message | undefined;
  const photo = message?.reply_to_message;
  const image = imageOf(photo);
  if (!model || !image || photo?.from?.id !== ctx.from.id) return ctx.answerCallbackQuery(ctx.t("offer-photo-gone"));
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => {});
  const { users } = ctx.services;
  // The chosen product becomes the selected one: a second photo or a question goes to it next.
  await users.selectModel(ctx.account.id, model.slug);
  ctx.account = { ...ctx.account, selected_model: model.slug };
  const caption = photo?.caption?.trim() || null;
  return runOnPhoto(ctx, model, image, caption);
});

async function runOnPhoto(ctx: BotContext, model: ModelSpec, image: InputRef, caption: string | null) {
  const { users } = ctx.services;
  if (model.input === "image") return requestGeneration(ctx, model, null, [image]);
  if (caption && model.input !== "image+image") {
    await users.setPendingInputs(ctx.account.id, null);
    return requestGeneration(ctx, model, caption, [image]);
  }
  await users.setPendingInputs(ctx.account.id, [image]);
  if (model.input === "image+image") return ctx.reply(ctx.t("input-now-second-photo"));
  const price = quotePrice(model, {}).token_cost;
  return ctx.reply(ctx.t(model.kind === "text" ? "offer-photo-now-question" : "input-now-prompt", { price }));
}
