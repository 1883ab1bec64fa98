import { GrammyError, type InlineKeyboard } from "grammy";
import type { BotContext } from "./context.js";

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
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(screen.text, options);
      return;
    } catch (error) {
      if (isNotModified(error)) return;
      // The message may be too old or not text (a photo): fall back to a new message.
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    }
  }
  await ctx.reply(screen.text, options);
}

export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}
