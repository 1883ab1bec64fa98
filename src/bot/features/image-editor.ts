import type { ModelSpec } from "../../catalog/types.js";
import type { InputRef } from "../../generation/types.js";
import type { BotContext } from "../context.js";
import { IMAGE_EDITORS } from "../delivery/result-actions.js";
import { inputOfMessage, isImage } from "./inputs.js";

/**
 * The product that edits an image by a text instruction for this user: the first editor their plan
 * unlocks and that can run now, else the first that can run (its quote then says what it needs).
 */
export async function imageEditorFor(ctx: BotContext): Promise<ModelSpec | undefined> {
  const { catalog, engine, accounts } = ctx.services;
  const plan = await accounts.currentPlan(ctx.account.id);
  const editors = IMAGE_EDITORS.map((slug) => catalog.find(slug)?.model).filter(
    (m): m is ModelSpec => m !== undefined && engine.isAvailable(m.slug),
  );
  return editors.find((m) => catalog.isUnlocked(m, plan)) ?? editors[0];
}

/** The image a message shows (a photo, or an image sent as a file), as a job input. */
export function imageOf(message: Parameters<typeof inputOfMessage>[0] | undefined): InputRef | undefined {
  const ref = message ? inputOfMessage(message) : undefined;
  return ref && isImage(ref) ? ref : undefined;
}
