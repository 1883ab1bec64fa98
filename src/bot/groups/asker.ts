import { GrammyError, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import type { Screen } from "../screen.js";
import { isGroupChat } from "./addressed.js";
import { privateLink } from "./private-only.js";

/** Where a request came from, as the job stores it: the chat, the prompt and topic, or the guest query. */
export interface RequestPlace {
  chatId: number;
  replyTo?: number;
  threadId?: number;
  guestQueryId?: string;
}

export function requestPlace(ctx: BotContext, userId: number): RequestPlace {
  const guest = ctx.update.guest_message;
  if (guest?.guest_query_id)
    return { chatId: guest.chat.id, replyTo: guest.message_id, guestQueryId: guest.guest_query_id };
  if (!isGroupChat(ctx.chat) || !ctx.chat) return { chatId: ctx.chat?.id ?? userId };
  const message = ctx.message;
  return {
    chatId: ctx.chat.id,
    replyTo: message?.message_id,
    threadId: message?.is_topic_message ? message.message_thread_id : undefined,
  };
}

/** A request whose quotes and refusals are the asker's alone: made in a group or as a guest. */
export function isSharedRequest(ctx: BotContext): boolean {
  return isGroupChat(ctx.chat) || ctx.update.guest_message !== undefined;
}

/** In a group, buy buttons would open invoices for everyone: they become one link to the private chat. */
function privateKeyboard(ctx: BotContext, screen: Screen): InlineKeyboard | undefined {
  if (!screen.keyboard) return undefined;
  return new InlineKeyboard().url(ctx.t("groups-open-private"), privateLink(ctx, "buy"));
}

const refused = (error: unknown) => error instanceof GrammyError && [400, 403, 404].includes(error.error_code);

/**
 * Shows the asker what only they should see (a quote with their balance, a refusal) while in a
 * group: an ephemeral message visible to them alone; where the server refuses ephemeral messages,
 * their private chat, with a one-line note in the group.
 */
export async function showToAsker(ctx: BotContext, screen: Screen, options: { actionable: boolean }): Promise<void> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return;
  const keyboard = options.actionable ? screen.keyboard : privateKeyboard(ctx, screen);
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  try {
    await ctx.api.sendMessage(chat.id, screen.text, {
      parse_mode: "HTML",
      reply_markup: keyboard,
      message_thread_id: thread,
      ephemeral_message_parameters: {
        receiver_user_id: from.id,
        ...(ctx.callbackQuery ? { callback_query_id: ctx.callbackQuery.id } : {}),
      },
    });
    return;
  } catch (error) {
    if (!refused(error)) throw error;
    ctx.logger.debug({ err: error }, "ephemeral message refused: the asker's private chat instead");
  }
  const inPrivate = await ctx.api
    .sendMessage(from.id, screen.text, { parse_mode: "HTML", reply_markup: keyboard })
    .then(
      () => true,
      (error) => {
        if (!refused(error)) throw error;
        return false;
      },
    );
  // Never started the bot (or blocked it): the note says so and links to the private chat.
  const note = inPrivate ? ctx.t("groups-sent-privately") : ctx.t("groups-start-privately");
  await ctx.api.sendMessage(chat.id, note, {
    message_thread_id: thread,
    reply_parameters: ctx.message
      ? { message_id: ctx.message.message_id, allow_sending_without_reply: true }
      : undefined,
    reply_markup: inPrivate
      ? undefined
      : new InlineKeyboard().url(ctx.t("groups-open-private"), privateLink(ctx, "start")),
  });
}
