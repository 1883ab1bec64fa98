import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { addressedPrompt, isGroupChat } from "./addressed.js";

/**
 * The one member a message was made for: the asker a reply answers, or the receiver of an
 * ephemeral message. Undefined when the message belongs to nobody in particular.
 */
function ownerOf(ctx: BotContext): number | undefined {
  const message = ctx.callbackQuery?.message;
  if (!message || !("date" in message) || message.date === 0) return undefined;
  if (message.receiver_user) return message.receiver_user.id;
  const replied = message.reply_to_message?.from;
  return replied && !replied.is_bot ? replied.id : undefined;
}

/**
 * What reaches the features from a group: only messages addressed to the bot (a mention, a reply to
 * it, or a command), with the mention cut out of the prompt, and button presses by the member the
 * message was made for; anyone else gets a toast and the message stays as it is.
 */
export const groupGate = new Composer<BotContext>();

const groups = groupGate.filter((ctx) => isGroupChat(ctx.chat));

/**
 * Every message the bot sends to the group while handling a member's message replies to it (so
 * its buttons belong to that member) and stays in its forum topic. Installed on this update's own
 * API instance, so it touches nothing else.
 */
function replyInPlace(ctx: BotContext, messageId: number | undefined, threadId: number | undefined) {
  const chatId = ctx.chat?.id;
  ctx.api.config.use((prev, method, payload, signal) => {
    const params = payload as Record<string, unknown> | undefined;
    if (!params || !method.startsWith("send") || method.endsWith("Draft") || Number(params.chat_id) !== chatId)
      return prev(method, payload, signal);
    const placed: Record<string, unknown> = { ...params };
    if (threadId !== undefined && placed.message_thread_id === undefined) placed.message_thread_id = threadId;
    const ephemeral = placed.ephemeral_message_parameters !== undefined;
    if (messageId !== undefined && !ephemeral && method !== "sendChatAction" && placed.reply_parameters === undefined)
      placed.reply_parameters = { message_id: messageId, allow_sending_without_reply: true };
    return prev(method, placed as typeof payload, signal);
  });
}

groups.on("callback_query", async (ctx, next) => {
  const owner = ownerOf(ctx);
  if (owner !== undefined && owner !== ctx.from.id) return ctx.answerCallbackQuery(ctx.t("groups-not-yours"));
  const message = ctx.callbackQuery.message;
  // A screen a button brings up anew stays in the topic; whose it is, the original message says.
  if (message && message.date !== 0)
    replyInPlace(ctx, undefined, message.is_topic_message ? message.message_thread_id : undefined);
  return next();
});

groups.on("message", async (ctx, next) => {
  // Anonymous admins and channels speak as a chat, not as a person with an account to bill.
  if (!ctx.from || ctx.from.is_bot || ctx.account === undefined) return;
  replyInPlace(ctx, ctx.message.message_id, ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined);
  const text = ctx.message.text ?? "";
  // Commands addressed to another bot never reach here (grammY's command filter checks the @suffix).
  if (text.startsWith("/")) return next();
  const prompt = addressedPrompt(ctx.message, { id: ctx.me.id, username: ctx.me.username });
  if (prompt === null) return;
  const settings = await ctx.services.groupSettings.get(ctx.chat.id);
  if (!settings.enabled) return;
  ctx.groupPrompt = prompt;
  return next();
});
