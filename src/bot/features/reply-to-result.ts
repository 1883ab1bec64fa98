import { Composer } from "grammy";
import type { Message } from "grammy/types";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { imageEditorFor, imageOf } from "./image-editor.js";
import { requestGeneration } from "./prompt.js";

/**
 * A text reply to one of the bot's results runs on that result: a reply to an image edits it (the
 * image goes upstream with the text as the instruction), a reply to a text answer continues from it.
 * Other replies are ordinary prompts.
 */
export const replyToResultFeature = new Composer<BotContext>();

replyToResultFeature.on("message:text", async (ctx, next) => {
  const replied = ctx.message.reply_to_message;
  if (!replied || ctx.message.text.startsWith("/") || replied.from?.id !== ctx.me.id) return next();
  const image = imageOf(replied);
  if (image) {
    const editor = await imageEditorFor(ctx);
    if (!editor) return next();
    return requestGeneration(ctx, editor, ctx.message.text, [image]);
  }
  const answer = answerJobOf(replied);
  const job = answer === undefined ? undefined : await ctx.services.generations.get(answer);
  const model = job ? ctx.services.catalog.find(job.model)?.model : undefined;
  if (!job || job.user_id !== ctx.account.id || model?.kind !== "text") return next();
  return requestGeneration(ctx, model, ctx.message.text, [], { context: { mode: "continue", jobId: job.id } });
});

/** The job of a text answer, named by the Regenerate button under it (the message itself holds no id). */
function answerJobOf(message: Message): number | undefined {
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (!("callback_data" in button) || !cb.action.filter.test(button.callback_data)) continue;
      const { do: action, id } = cb.action.unpack(button.callback_data);
      if (action === "rg" && Number.isSafeInteger(Number(id))) return Number(id);
    }
  }
  return undefined;
}
