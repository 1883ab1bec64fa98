import { Composer, InlineKeyboard } from "grammy";
import { MAX_API_KEYS, TooManyApiKeys } from "../../billing/api-keys.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../formatting/html.js";
import { createBackKeyboard } from "../keyboards/main-menu.js";
import { type Screen, showScreen } from "../screen.js";

/** The developer API's base URL as clients configure it (the OpenAI SDK's `baseURL`). */
const baseUrl = (ctx: BotContext) => `${ctx.services.config.api.publicUrl}/api/v2`;

async function keysScreen(ctx: BotContext): Promise<Screen> {
  // Without API_PORT nothing serves the API: a key would be a dead end.
  if (ctx.services.config.api.port === undefined)
    return { text: ctx.t("api-keys-off"), keyboard: createBackKeyboard(ctx) };
  const keys = await ctx.services.apiKeys.list(ctx.account.id);
  const lines = keys.map((k) => ctx.t("api-keys-line", { label: escapeHtml(k.label), last4: escapeHtml(k.last4) }));
  const text = ctx.t("api-keys-screen", {
    url: escapeHtml(baseUrl(ctx)),
    count: keys.length,
    max: MAX_API_KEYS,
    keys: lines.length > 0 ? lines.join("\n") : ctx.t("api-keys-none"),
  });
  const keyboard = new InlineKeyboard();
  if (keys.length < MAX_API_KEYS) keyboard.text(ctx.t("btn-api-key-new"), cb.apiKey.pack({ action: "new", id: "0" }));
  for (const k of keys) {
    keyboard
      .row()
      .text(
        ctx.t("btn-api-key-revoke", { label: k.label, last4: k.last4 }),
        cb.apiKey.pack({ action: "ask", id: String(k.id) }),
      );
  }
  return { text, keyboard };
}

function revokeScreen(ctx: BotContext, key: { id: number; label: string; last4: string }): Screen {
  return {
    text: ctx.t("api-keys-revoke-confirm", { label: escapeHtml(key.label), last4: escapeHtml(key.last4) }),
    keyboard: new InlineKeyboard()
      .text(ctx.t("btn-api-key-revoke-yes"), cb.apiKey.pack({ action: "revoke", id: String(key.id) }))
      .text(ctx.t("btn-back"), cb.apiKey.pack({ action: "list", id: "0" })),
  };
}

function newKeyLabel(): string {
  return `key ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
}

/** `/api`: developer keys, only in a private chat (a key is a secret, like the balance it spends). */
export const apiKeysFeature = new Composer<BotContext>();
const privateChat = apiKeysFeature.chatType("private");

apiKeysFeature
  .chatType(["group", "supergroup", "channel"])
  .command("api", (ctx) => ctx.reply(ctx.t("api-keys-private-only")));

privateChat.command("api", async (ctx) => showScreen(ctx, await keysScreen(ctx)));

privateChat.callbackQuery(cb.apiKey.filter, async (ctx) => {
  const { action, id } = cb.apiKey.unpack(ctx.callbackQuery.data);
  const { apiKeys } = ctx.services;
  const userId = ctx.account.id;
  if (action === "new" && ctx.services.config.api.port !== undefined) {
    try {
      const { key } = await apiKeys.create(userId, newKeyLabel());
      await ctx.answerCallbackQuery();
      // The key goes out once, in its own message, so the list can be edited without losing it.
      await ctx.reply(ctx.t("api-keys-created", { key: escapeHtml(key), url: escapeHtml(baseUrl(ctx)) }), {
        parse_mode: "HTML",
      });
    } catch (error) {
      if (!(error instanceof TooManyApiKeys)) throw error;
      await ctx.answerCallbackQuery({ text: ctx.t("api-keys-too-many", { max: error.max }), show_alert: true });
    }
    return showScreen(ctx, await keysScreen(ctx));
  }
  if (action === "ask") {
    const key = (await apiKeys.list(userId)).find((k) => k.id === Number(id));
    await ctx.answerCallbackQuery();
    return showScreen(ctx, key ? revokeScreen(ctx, key) : await keysScreen(ctx));
  }
  if (action === "revoke") {
    const revoked = await apiKeys.revoke(userId, Number(id));
    await ctx.answerCallbackQuery(revoked ? { text: ctx.t("api-keys-revoked") } : undefined);
    return showScreen(ctx, await keysScreen(ctx));
  }
  await ctx.answerCallbackQuery();
  return showScreen(ctx, await keysScreen(ctx));
});
