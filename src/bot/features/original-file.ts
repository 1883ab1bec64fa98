import { Composer, InputFile } from "grammy";
import { deserializeOutputs, openOutputs } from "../../generation/outputs.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";

/** "Original file": the uncompressed result as a document (photos are recompressed by Telegram). */
export const originalFileFeature = new Composer<BotContext>();

originalFileFeature.callbackQuery(cb.original.filter, async (ctx) => {
  const { id, index } = cb.original.unpack(ctx.callbackQuery.data);
  const job = await ctx.services.generations.get(Number(id));
  const output = job && job.user_id === ctx.account.id ? deserializeOutputs(job.outputs)[Number(index)] : undefined;
  if (!job || !output) return ctx.answerCallbackQuery(ctx.t("original-gone"));
  await ctx.answerCallbackQuery();
  const [opened] = openOutputs([output], ctx.services.catalog.get(job.model).route);
  if (!opened) return;
  const { open } = opened;
  // A stream is read once: a supplier downloads afresh for each attempt (autoRetry after a flood wait).
  const source =
    output.type === "bytes"
      ? output.data
      : open
        ? async () => (await open()).stream as unknown as AsyncIterable<Uint8Array>
        : undefined;
  if (!source) return ctx.reply(ctx.t("original-gone"));
  try {
    await ctx.replyWithDocument(new InputFile(source, opened.filename));
  } catch (error) {
    ctx.logger.warn({ err: error }, "original file unavailable");
    await ctx.reply(ctx.t("original-gone"));
  }
});
