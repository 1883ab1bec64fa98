import { InlineKeyboard } from "grammy";
import type { Catalog } from "../../catalog/catalog.js";
import type { ModelKind } from "../../catalog/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import { cb } from "../callback-data.js";
import { escapeHtml } from "../formatting/html.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The status a chat's header shows while a job of each kind runs. */
export const CHAT_ACTION: Record<
  ModelKind,
  "typing" | "upload_photo" | "upload_video" | "record_voice" | "upload_document"
> = {
  text: "typing",
  image: "upload_photo",
  tool: "upload_photo",
  video: "upload_video",
  music: "record_voice",
  tts: "record_voice",
  audio: "record_voice",
  stt: "typing",
};

/** What a running job's progress message says, and its Cancel button. */
export function createProgressMessage(catalog: Catalog) {
  /** A text model that answers after minutes of thinking (a background job upstream), not as a stream. */
  const thinks = (job: GenerationRow) => job.kind === "text" && catalog.get(job.model).route.operation === "responses";

  function text(t: Translate, job: GenerationRow, elapsedMs: number, progress?: number) {
    const name = escapeHtml(catalog.find(job.model)?.model.name ?? job.model);
    const seconds = Math.floor(elapsedMs / 1000);
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    if (thinks(job)) return t("thinking-progress", { name, elapsed: clock });
    return t("progress", {
      name,
      elapsed: clock,
      percent: progress === undefined || progress === null ? "" : ` · ${Math.round(progress)}%`,
    });
  }

  function cancelKeyboard(t: (k: string) => string, job: GenerationRow) {
    return new InlineKeyboard().text(t("btn-cancel"), cb.cancel.pack({ id: String(job.id) }));
  }

  return { thinks, text, cancelKeyboard };
}

export type ProgressMessage = ReturnType<typeof createProgressMessage>;
