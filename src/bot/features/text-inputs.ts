import type { ModelSpec } from "../../catalog/types.js";
import { DOCUMENT_LIMITS } from "../../generation/document-text.js";
import type { InputRef } from "../../generation/types.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { isImage } from "./inputs.js";
import { requestGeneration } from "./prompt.js";
import { documentLimitArgs, isTextDocument, readableBy } from "./text-model-files.js";

/**
 * A photo or a document sent while a text model is selected: answered about it when a caption
 * asks the question, otherwise kept until the next text message does.
 */
export async function onTextModelFile(ctx: BotContext, model: ModelSpec, ref: InputRef, caption: string | null) {
  if (isImage(ref) && !model.vision) {
    const names = ctx.services.catalog
      .byKind("text")
      .filter((m) => m.vision)
      .map((m) => m.name)
      .join(", ");
    return ctx.reply(ctx.t("vision-model-blind", { name: escapeHtml(model.name), models: escapeHtml(names) }), {
      parse_mode: "HTML",
    });
  }
  if (isTextDocument(ref) && ref.size !== undefined && ref.size > DOCUMENT_LIMITS.bytes) {
    return ctx.reply(ctx.t("vision-document-too-large", documentLimitArgs()));
  }
  if (!readableBy(model, ref)) return ctx.reply(ctx.t("vision-document-unsupported", documentLimitArgs()));
  if (caption) {
    await ctx.services.users.setPendingInputs(ctx.account.id, null);
    return requestGeneration(ctx, model, caption, [ref]);
  }
  await ctx.services.users.setPendingInputs(ctx.account.id, [ref]);
  return ctx.reply(ctx.t(isImage(ref) ? "vision-now-question-photo" : "vision-now-question-document"));
}
