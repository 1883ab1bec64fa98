import { Composer, InlineKeyboard } from "grammy";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";

/**
 * /broadcast for ADMIN_IDS in private chats: the admin's next message (sent or forwarded) is
 * previewed with the recipient count, and goes out only after Confirm.
 */
export const broadcastFeature = new Composer<BotContext>();

const admins = broadcastFeature.chatType("private").filter(isAdmin);

admins.command("broadcast", async (ctx) => {
  await ctx.services.broadcastsRepo.awaitMessage(ctx.from.id, ctx.chat.id);
  await ctx.reply(ctx.t("broadcast-ask"));
});

admins.on("message", async (ctx, next) => {
  const repo = ctx.services.broadcastsRepo;
  // Any other command abandons a broadcast still waiting for its message.
  if (ctx.message.text?.startsWith("/")) {
    await repo.cancelAwaiting(ctx.from.id);
    return next();
  }
  const awaiting = await repo.awaiting(ctx.from.id);
  if (!awaiting) return next();
  const { text, entities } = ctx.message;
  if (!text) return ctx.reply(ctx.t("broadcast-text-only"));
  await repo.setDraft(awaiting.id, text, entities);
  // The preview is exactly what users will get.
  await ctx.reply(text, entities ? { entities } : {});
  const count = await repo.recipientCount(ctx.from.id);
  const id = String(awaiting.id);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("broadcast-btn-send"), cb.broadcast.pack({ action: "send", id }))
    .text(ctx.t("broadcast-btn-cancel"), cb.broadcast.pack({ action: "cancel", id }));
  await ctx.reply(ctx.t("broadcast-confirm", { count }), { reply_markup: keyboard });
});

admins.callbackQuery(cb.broadcast.filter, async (ctx) => {
  const { action, id } = cb.broadcast.unpack(ctx.callbackQuery.data);
  const broadcastId = Number(id);
  const { broadcastsRepo, broadcasts } = ctx.services;
  if (action === "cancel") {
    const cancelled = await broadcastsRepo.cancel(broadcastId);
    await ctx.answerCallbackQuery();
    if (cancelled) await ctx.editMessageText(ctx.t("broadcast-cancelled"));
    return;
  }
  const started = await broadcastsRepo.start(broadcastId, ctx.callbackQuery.message?.message_id ?? null);
  if (!started) return ctx.answerCallbackQuery(ctx.t("broadcast-not-draft"));
  await ctx.answerCallbackQuery();
  const counts = await broadcastsRepo.counts(broadcastId);
  ctx.logger.info({ broadcast: broadcastId, recipients: counts.total }, "broadcast confirmed");
  await ctx.editMessageText(ctx.t("broadcast-progress", { id: broadcastId, ...counts, done: 0 }));
  broadcasts.kick(broadcastId);
});
