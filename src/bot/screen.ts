import { GrammyError, type InlineKeyboard } from "grammy";
import type { InlineKeyboardButton, MaybeInaccessibleMessage } from "grammy/types";
import type { BotContext } from "./context.js";
import { isMessageGone } from "./delivery/delivery-errors.js";

export interface Screen {
  text: string;
  keyboard?: InlineKeyboard;
}

/**
 * Shows a screen: from a button it edits the button's own message, from a command it sends a new one.
 * Callback queries are answered by the caller (or by `answerCallback` below).
 */
export async function showScreen(ctx: BotContext, screen: Screen): Promise<void> {
  const options = {
    parse_mode: "HTML" as const,
    reply_markup: screen.keyboard,
    link_preview_options: { is_disabled: true },
  };
  const message = ctx.callbackQuery?.message;
  // Only a text message can take new text (not a photo, an invoice, or an inaccessible message);
  // and one that shows this screen already must not be edited (Telegram's 400 "not modified").
  if (message && "text" in message && message.text !== undefined) {
    if (showsAlready(message, screen)) return;
    try {
      await ctx.editMessageText(screen.text, options);
      return;
    } catch (error) {
      // Gone (deleted while the press waited): the press is answered, and nothing takes the message's place.
      if (isNotModified(error) || isMessageGone(error)) return;
      // The message may be too old or not text (a photo): fall back to a new message.
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    }
  }
  await ctx.reply(screen.text, options);
}

export { isMessageGone };

export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}

/**
 * Takes the inline keyboard off the pressed message; a message without one (a forged or stale press)
 * is left alone rather than edited into Telegram's 400 "not modified".
 */
export async function removeButtons(ctx: BotContext): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (!message || !("reply_markup" in message) || !message.reply_markup?.inline_keyboard.length) return;
  await ctx.editMessageReplyMarkup().catch(() => {});
}

/** Whether the message already shows the screen: its text (HTML rendered to plain text) and keyboard. */
function showsAlready(message: MaybeInaccessibleMessage & { text?: string }, screen: Screen): boolean {
  const shown = "reply_markup" in message ? message.reply_markup?.inline_keyboard : undefined;
  return message.text === plainText(screen.text) && sameKeyboard(shown, screen.keyboard?.inline_keyboard);
}

/** The text Telegram shows for an HTML-formatted message: tags dropped, entities decoded, trimmed. */
function plainText(html: string): string {
  const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', "#39": "'" };
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => entities[name] ?? "")
    .trim();
}

function sameKeyboard(a: InlineKeyboardButton[][] | undefined, b: InlineKeyboardButton[][] | undefined): boolean {
  const canonical = (rows: InlineKeyboardButton[][] | undefined) =>
    JSON.stringify((rows ?? []).map((row) => row.map((button) => Object.entries(button).sort())));
  return canonical(a) === canonical(b);
}
