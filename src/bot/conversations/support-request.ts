import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { forwardToSupport } from "../features/pay-support.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";

export const SUPPORT_REQUEST = "support-request";

/**
 * "Write to support": asks for the message and forwards it to the admins. Any command or other
 * button leaves the dialog and is handled as usual, so nobody gets stuck in it.
 */
export async function supportRequest(conversation: Conversation<BotContext, BotContext>, ctx: BotContext) {
  const cancel = cb.support.pack({ action: "cancel" });
  const prompt = await ctx.reply(ctx.t("support-ask"), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-cancel"), cancel),
  });
  const answer = await conversation.wait();
  if (answer.callbackQuery?.data === cancel) {
    await answer.answerCallbackQuery();
    await answer.api.editMessageText(prompt.chat.id, prompt.message_id, answer.t("support-cancelled"), {
      reply_markup: createBackKeyboard(answer),
    });
    return;
  }
  const text = answer.message?.text;
  if (!text || text.startsWith("/") || answer.callbackQuery) {
    await answer.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => {});
    await conversation.halt({ next: true });
    return;
  }
  await answer.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => {});
  const sent = await conversation.external(() => forwardToSupport(answer, text));
  await answer.reply(answer.t(sent ? "paysupport-sent" : "paysupport-unavailable"), {
    reply_markup: createBackKeyboard(answer),
  });
}
