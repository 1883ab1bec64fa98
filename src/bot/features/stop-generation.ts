import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * The Stop button under a streaming answer (Bot API 10.3): Telegram reports the press as a
 * `stopped_message_generation` update naming the chat and the draft, whose id is the job's.
 */
export const stopGenerationFeature = new Composer<BotContext>();

stopGenerationFeature.on("stopped_message_generation", async (ctx) => {
  const { chat, draft_id } = ctx.update.stopped_message_generation;
  const stopped = await ctx.services.engine.stopAnswer(chat.id, draft_id);
  // Another instance may run the job, or it has just finished: then the answer simply arrives.
  if (!stopped) ctx.logger.info({ chat: chat.id, draft_id }, "stop for no answer running here");
});
