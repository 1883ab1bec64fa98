import { Composer } from "grammy";
import { quotePrice } from "../../catalog/pricing.js";
import type { ModelSpec } from "../../catalog/types.js";
import type { BotContext } from "../context.js";
import { requestGeneration } from "../features/prompt.js";
import { addressedPrompt } from "./addressed.js";
import { showToGuest } from "./guest-replies.js";

/**
 * The text model a guest answer uses: the caller's own choice when it is a text model, else the
 * cheapest text model their plan unlocks (a caller new to the bot has chosen nothing yet). Guest
 * answers are one inline message, so they are text.
 */
async function guestModel(ctx: BotContext): Promise<ModelSpec | undefined> {
  const { catalog, engine, accounts } = ctx.services;
  const chosen = ctx.account.selected_model ? catalog.find(ctx.account.selected_model)?.model : undefined;
  if (chosen?.kind === "text" && engine.isAvailable(chosen.slug)) return chosen;
  const plan = await accounts.currentPlan(ctx.account.id);
  return catalog
    .byKind("text")
    .filter((m) => m.input === "prompt" && catalog.isUnlocked(m, plan) && engine.isAvailable(m.slug))
    .sort((a, b) => quotePrice(a, {}).token_cost - quotePrice(b, {}).token_cost)[0];
}

/**
 * Guest mode (Bot API 10.0): summoned by a mention in a chat it is not a member of, the bot gets a
 * `guest_message` and answers it with `answerGuestQuery`. Billed to the caller (an account is opened
 * on first contact, on Starter) under their plan, limits and auto-confirm; a replied-to text is the
 * input the prompt works on.
 */
export const guestModeFeature = new Composer<BotContext>();

guestModeFeature.on("guest_message", async (ctx) => {
  const message = ctx.update.guest_message;
  if (!message || !ctx.from || ctx.account === undefined) return;
  const asked = addressedPrompt(message, { id: ctx.me.id, username: ctx.me.username }) ?? message.text ?? "";
  const replied = message.reply_to_message;
  const quoted = replied?.text ?? replied?.caption;
  const prompt = [asked, quoted ? `«${quoted}»` : ""].filter((part) => part !== "").join("\n\n");
  const model = await guestModel(ctx);
  if (prompt === "" || !model)
    return showToGuest(ctx, { text: ctx.t(model ? "groups-empty-prompt" : "groups-guest-no-model") });
  return requestGeneration(ctx, model, prompt);
});
