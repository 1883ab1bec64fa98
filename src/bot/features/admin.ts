import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";

/** Commands for ADMIN_IDS only; to anyone else they do not exist. */
export const adminFeature = new Composer<BotContext>();

const admins = adminFeature.filter(isAdmin);

admins.command("grant", async (ctx) => {
  const [idText = "", tokensText = "", ...rest] = ctx.match.trim().split(/\s+/);
  // Decimal digits only: Number() would also read "0x10" as 16, "1e3" as 1000 and "" as 0.
  const decimal = /^\d{1,15}$/;
  const userId = Number(idText);
  const tokens = Number(tokensText);
  if (rest.length > 0 || !decimal.test(idText) || !decimal.test(tokensText) || tokens <= 0) {
    return ctx.reply(ctx.t("grant-usage"), { parse_mode: "HTML" });
  }
  const { users, ledger } = ctx.services;
  const target = await users.find(userId);
  if (!target) return ctx.reply(ctx.t("grant-no-user", { id: String(userId) }));
  // The admin's message is the event: the same update delivered twice grants once.
  const key = `grant:${ctx.chat.id}:${ctx.msg.message_id}`;
  const { applied, balance } = await ledger.credit({
    userId,
    bucket: "pkg",
    amount: tokens,
    key,
    kind: "grant",
    source: `admin:${ctx.from?.id}`,
  });
  const total = balance.sub + balance.pkg;
  await ctx.reply(ctx.t("grant-done", { tokens, id: String(userId), balance: total }));
  if (applied && userId !== ctx.from?.id) {
    const t = (key: string, vars: Record<string, string | number>) => ctx.services.i18n.t(target.locale, key, vars);
    await ctx.api.sendMessage(target.chat_id, t("grant-received", { tokens, balance: total })).catch(() => {});
  }
});
