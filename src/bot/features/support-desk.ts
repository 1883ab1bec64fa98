import { Composer } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { HELP_QUESTION, helpDeskLimited } from "../conversations/help-question.js";
import { isAdmin } from "../filters/admin.js";
import { escapeHtml } from "../formatting/html.js";

/**
 * The tag on every support request an admin receives: it names the user, so a reply to the request
 * (or to the Reply prompt) reaches them without any stored state, after restarts too.
 */
export const supportTag = (userId: number) => `#support_u${userId}`;
const TAG = /#support_u(\d+)/;

/** /help's free questions, and the admins' answers to support requests. */
export const supportDeskFeature = new Composer<BotContext>();

supportDeskFeature.callbackQuery(cb.helpdesk.filter, async (ctx, next) => {
  const { action, id } = cb.helpdesk.unpack(ctx.callbackQuery.data);
  if (action === "ask") {
    await ctx.answerCallbackQuery();
    // Over the hourly limit, say so before the user types a question that would not be answered.
    const slot = await ctx.services.helpDesk.mayAsk(ctx.account.id);
    if (!slot.ok) return ctx.reply(...helpDeskLimited(ctx, slot.resetsAt));
    return ctx.conversation.enter(HELP_QUESTION);
  }
  if (action !== "reply" || !isAdmin(ctx)) return next();
  await ctx.answerCallbackQuery();
  // A forced reply: the admin's next message answers this prompt, and its tag names the user.
  await ctx.reply(ctx.t("helpdesk-reply-prompt", { id, tag: supportTag(Number(id)) }), {
    parse_mode: "HTML",
    reply_markup: { force_reply: true, input_field_placeholder: ctx.t("helpdesk-reply-placeholder") },
  });
});

supportDeskFeature.on("message:text", async (ctx, next) => {
  const replied = ctx.message.reply_to_message;
  const userId = Number(replied?.text?.match(TAG)?.[1]);
  if (!replied || replied.from?.id !== ctx.me.id || !Number.isSafeInteger(userId) || !isAdmin(ctx)) return next();
  if (ctx.chat.type !== "private" || ctx.message.text.startsWith("/")) return next();
  const user = await ctx.services.users.find(userId);
  if (!user) return ctx.reply(ctx.t("grant-no-user", { id: String(userId) }));
  const t = (key: string, vars?: Record<string, string | number>) => ctx.services.i18n.t(user.locale, key, vars);
  const sent = await ctx.api
    .sendMessage(user.chat_id, t("helpdesk-answer", { text: escapeHtml(ctx.message.text.slice(0, 3500)) }), {
      parse_mode: "HTML",
    })
    .then(() => true)
    .catch((error) => {
      ctx.logger.warn({ err: error, user: userId }, "support answer not delivered");
      return false;
    });
  await ctx.reply(ctx.t(sent ? "helpdesk-answer-sent" : "helpdesk-answer-failed", { id: String(userId) }), {
    reply_parameters: { message_id: ctx.message.message_id },
  });
});
