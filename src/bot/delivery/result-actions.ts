import type { InlineKeyboard as Keyboard } from "grammy";
import { InlineKeyboard } from "grammy";
import type { Catalog } from "../../catalog/catalog.js";
import { followUpPrice, hasFollowUps } from "../../catalog/follow-ups.js";
import { quotePrice } from "../../catalog/pricing.js";
import { followUpOf, upstreamParams } from "../../generation/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The slug of the image tool behind ⬆️ Upscale. */
export const UPSCALE_TOOL = "upscale";
/** The image tools and editors that can take a photo and a prompt, in order of preference, for ✏️ Edit. */
export const IMAGE_EDITORS = ["flux-kontext-pro", "nano-banana-pro", "inpaint", "style-transfer"] as const;

/**
 * The buttons under a result. Each names the stored job (and the image's index), so an action works
 * after a restart; every action that spends shows its price on the button, before anything is spent.
 */
export function createResultKeyboards(catalog: Catalog, t: Translate) {
  const act = (job: GenerationRow, action: string, arg = "") => cb.action.pack({ do: action, id: String(job.id), arg });
  const priceOf = (slug: string) => {
    const model = catalog.find(slug)?.model;
    return model ? quotePrice(model, {}).token_cost : undefined;
  };

  return {
    /** Under the last message of a text answer. */
    text(job: GenerationRow): Keyboard {
      const price = priceOf(job.model) ?? job.price;
      return new InlineKeyboard()
        .text(t("act-btn-regenerate", { price }), act(job, "rg"))
        .text(t("act-btn-other-model"), act(job, "om"))
        .row()
        .text(t("act-btn-new-chat"), cb.menu.pack({ screen: "new" }));
    },

    /** Under a photo: the actions on this image, and on the last one those of the whole job. */
    photo(job: GenerationRow, index: number, last: boolean): Keyboard {
      const keyboard = new InlineKeyboard().text(
        t("btn-original"),
        cb.original.pack({ id: String(job.id), index: String(index) }),
      );
      const upscale = priceOf(UPSCALE_TOOL);
      if (upscale !== undefined) keyboard.text(t("act-btn-upscale", { price: upscale }), act(job, "up", String(index)));
      keyboard.text(t("act-btn-edit"), act(job, "ed", String(index)));
      if (!last) return keyboard;
      keyboard.row().text(t("act-btn-again", { price: job.price }), act(job, "ag"));
      const model = catalog.find(job.model)?.model;
      // A grid (or a variation, itself a grid) gets U1–U4 and V1–V4; an upscaled single image does not.
      if (model && hasFollowUps(model) && job.provider_job_id && followUpOf(job)?.action !== "upscale") {
        const params = upstreamParams(job);
        for (const action of ["upscale", "variation"] as const) {
          keyboard.row();
          const price = followUpPrice(model, params, action);
          for (let n = 1; n <= 4; n++) {
            const key = action === "upscale" ? "act-btn-mj-upscale" : "act-btn-mj-variation";
            keyboard.text(t(key, { n, price }), act(job, action === "upscale" ? "mu" : "mv", String(n - 1)));
          }
        }
      }
      return keyboard;
    },

    /** Under the last of any other result (video, music, speech, a transcript): the same request again. */
    media(job: GenerationRow): Keyboard {
      return new InlineKeyboard().text(t("act-btn-again", { price: job.price }), act(job, "ag"));
    },
  };
}

export type ResultKeyboards = ReturnType<typeof createResultKeyboards>;
