import { Composer } from "grammy";
import type { ModelSpec } from "../../catalog/types.js";
import type { InputRef } from "../../generation/types.js";
import type { BotContext } from "../context.js";
import { fileLimits, megabytes } from "../delivery/limits.js";
import { inputKey, inputOf, isImage, isSound, pendingInputs } from "./inputs.js";
import { offerPhotoTools } from "./photo-offer.js";
import { requestGeneration } from "./prompt.js";
import { onTextModelFile } from "./text-inputs.js";
import { isTextDocument } from "./text-model-files.js";

/** Photos, voice messages, audio, video notes and files: the inputs of tools, editors and speech models. */
export const mediaInputFeature = new Composer<BotContext>();

mediaInputFeature.on(
  ["message:photo", "message:voice", "message:audio", "message:video_note", "message:video", "message:document"],
  async (ctx, next) => {
    const ref = inputOf(ctx);
    if (!ref) return next();
    const limit = fileLimits(ctx.services.config.telegramLocalApi).download;
    if (ref.size !== undefined && ref.size > limit) {
      return ctx.reply(ctx.t("error-input-too-large", { size: megabytes(ref.size), limit: megabytes(limit) }));
    }
    const slug = ctx.account.selected_model;
    const model = slug ? ctx.services.catalog.find(slug)?.model : undefined;
    // In a group the caption's mention of the bot is not part of the prompt.
    const caption = (ctx.groupPrompt ?? ctx.message?.caption)?.trim() || null;
    if (model?.kind === "text" && (isImage(ref) || isTextDocument(ref)))
      return onTextModelFile(ctx, model, ref, caption);
    if (isImage(ref)) return onImage(ctx, ref, caption, model);
    if (isSound(ref)) return onSound(ctx, ref, model);
    return ctx.reply(ctx.t("input-unsupported"));
  },
);

async function onImage(ctx: BotContext, ref: InputRef, caption: string | null, model?: ModelSpec) {
  // No image tool selected: the tools and vision models are offered instead of a dead end.
  if (!model?.input.includes("image")) return offerPhotoTools(ctx);
  const { users } = ctx.services;
  switch (model.input) {
    case "image":
      return requestGeneration(ctx, model, null, [ref]);
    case "image+prompt":
    case "prompt+image?":
      if (caption) {
        await users.setPendingInputs(ctx.account.id, null);
        return requestGeneration(ctx, model, caption, [ref]);
      }
      await users.setPendingInputs(ctx.account.id, [ref]);
      return ctx.reply(ctx.t("input-now-prompt"));
    case "image+image": {
      const first = pendingInputs(ctx).filter(isImage)[0];
      if (!first) {
        await users.setPendingInputs(ctx.account.id, [ref]);
        return ctx.reply(ctx.t("input-now-second-photo"));
      }
      await users.setPendingInputs(ctx.account.id, null);
      return requestGeneration(ctx, model, null, [first, ref]);
    }
    default:
      return ctx.reply(ctx.t(`model-card-send-${inputKey(model)}`, { name: model.name }));
  }
}

/**
 * Audio for an audio tool goes to it; a voice message to a text model is transcribed and answered
 * in one request; anywhere else it is transcribed by the default speech-to-text model.
 */
async function onSound(ctx: BotContext, ref: InputRef, model?: ModelSpec) {
  if (model && (model.input === "audio" || model.input === "speech")) {
    const minutes = model.params.find((p) => p.name === "minutes");
    const params: Record<string, number> = {};
    if (minutes && ref.duration)
      params.minutes = Math.min(Math.max(1, Math.ceil(ref.duration / 60)), Number(minutes.options.at(-1)));
    return requestGeneration(ctx, model, null, [ref], { params });
  }
  const stt = defaultSpeechToText(ctx);
  if (!stt) return ctx.reply(ctx.t("error-model-unavailable", { name: ctx.t("category-stt") }));
  if (model?.kind === "text") return requestGeneration(ctx, model, null, [ref], { transcribeWith: stt });
  return requestGeneration(ctx, stt, null, [ref]);
}

/** The first speech-to-text model of the catalog whose provider is configured. */
function defaultSpeechToText(ctx: BotContext): ModelSpec | undefined {
  const { catalog, engine } = ctx.services;
  return catalog.byKind("stt").find((m) => engine.isAvailable(m.slug));
}
