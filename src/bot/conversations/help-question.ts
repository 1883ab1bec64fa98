import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import { HELP_QUESTIONS_PER_HOUR } from "../../generation/help-desk.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { shownTime } from "../formatting/date-time.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";

export const HELP_QUESTION = "help-question";

/** Telegram's limit for one message, less room for the note under the answer. */
const ANSWER_CHARS = 3800;

/**
 * /help → "Ask a question": one question about the bot, answered free by the help desk. Like the
 * support dialog, a command or another button leaves it and is handled as usual.
 */
export async function helpQuestion(conversation: Conversation<BotContext, BotContext>, ctx: BotContext) {
  const cancel = cb.helpdesk.pack({ action: "cancel", id: "0" });
  const prompt = await ctx.reply(ctx.t("helpdesk-ask"), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-cancel"), cancel),
  });
  const answer = await conversation.wait();
  if (answer.callbackQuery?.data === cancel) {
    await answer.answerCallbackQuery();
    await answer.api.editMessageText(prompt.chat.id, prompt.message_id, answer.t("support-cancelled"), {
      reply_markup: createBackKeyboard(answer, "help"),
    });
    return;
  }
  await answer.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => {});
  const question = answer.message?.text;
  if (!question || question.startsWith("/") || answer.callbackQuery) {
    await conversation.halt({ next: true });
    return;
  }
  const slot = await conversation.external(() => answer.services.helpDesk.takeSlot(answer.account.id));
  if (!slot.ok) return answer.reply(...helpDeskLimited(answer, slot.resetsAt));
  const reply = await conversation.external(async () => {
    await answer.replyWithChatAction("typing").catch(() => {});
    return answer.services.helpDesk.answer(question).catch((error) => {
      answer.logger.warn({ err: error }, "help desk answer failed");
      return undefined;
    });
  });
  const keyboard = new InlineKeyboard()
    .text(answer.t("helpdesk-btn-ask"), cb.helpdesk.pack({ action: "ask", id: "0" }))
    .row()
    .text(answer.t("btn-back"), cb.menu.pack({ screen: "help" }));
  if (!reply) return answer.reply(answer.t("helpdesk-unavailable"), { reply_markup: keyboard });
  // Plain text: the model's words are never parsed as HTML.
  await answer.reply(`${reply.slice(0, ANSWER_CHARS)}\n\n${answer.t("helpdesk-free-note")}`, {
    reply_markup: keyboard,
  });
}

/** The help desk's hourly limit reached: when it frees, and the way back to /help. */
export function helpDeskLimited(ctx: BotContext, resetsAt: number) {
  const text = ctx.t("helpdesk-limited", { limit: HELP_QUESTIONS_PER_HOUR, time: shownTime(resetsAt) });
  return [text, { parse_mode: "HTML" as const, reply_markup: createBackKeyboard(ctx, "help") }] as const;
}
