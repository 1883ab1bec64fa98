import type { BotContext } from "../context.js";
import type { Screen } from "../screen.js";

/**
 * Guest mode has one way back per summons: the guest query is answered once with an inline
 * message, which later steps (a press of its buttons) edit. A quote stored on a job remembers the
 * inline message, so the answer replaces the quote.
 */
export async function showToGuest(ctx: BotContext, screen: Screen, jobId?: number): Promise<void> {
  if (ctx.callbackQuery?.inline_message_id) {
    await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard }).catch(() => {});
    return;
  }
  const queryId = ctx.update.guest_message?.guest_query_id;
  if (!queryId) return;
  const sent = await ctx.api.answerGuestQuery(queryId, {
    type: "article",
    id: jobId === undefined ? `q-${queryId}`.slice(0, 64) : `job-${jobId}`,
    title: ctx.me.first_name,
    input_message_content: { message_text: screen.text, parse_mode: "HTML" },
    reply_markup: screen.keyboard,
  });
  if (jobId !== undefined) await ctx.services.generations.update(jobId, { inline_message_id: sent.inline_message_id });
}
