import { Composer } from "grammy";
import { z } from "zod";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { shownDay } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";

/** /promo_create, /promo_list, /promo_disable for ADMIN_IDS in private chats; to anyone else they do not exist. */
export const promoAdminFeature = new Composer<BotContext>();

const admins = promoAdminFeature.chatType("private").filter(isAdmin);

const DAY_MS = 86_400_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `CODE TOKENS|+PERCENT% [max_uses] [expires] [YYYY-MM-DD]`. */
const createArgs = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  amount: z.string().regex(/^(\d{1,9}|\+\d{1,3}%)$/),
  maxUses: z.coerce.number().int().min(1).max(1_000_000_000).optional(),
  date: z.string().regex(DATE).optional(),
});

function parseCreate(text: string) {
  const words = text.split(/\s+/).filter((w) => w !== "" && w.toLowerCase() !== "expires");
  const [code, amount, ...rest] = words;
  const date = rest.find((w) => DATE.test(w));
  const uses = rest.filter((w) => w !== date);
  if (rest.length > 2 || uses.length > 1) return undefined;
  const parsed = createArgs.safeParse({ code, amount, maxUses: uses[0], date });
  if (!parsed.success) return undefined;
  const percent = parsed.data.amount.startsWith("+") ? Number(parsed.data.amount.slice(1, -1)) : 0;
  const tokens = percent > 0 ? 0 : Number(parsed.data.amount);
  // The code works through the whole named day (UTC).
  const expiresAt = parsed.data.date ? Date.parse(`${parsed.data.date}T00:00:00Z`) + DAY_MS : undefined;
  if (tokens + percent <= 0 || Number.isNaN(expiresAt)) return undefined;
  return { code: parsed.data.code, tokens, bonusPercent: percent, maxUses: parsed.data.maxUses, expiresAt };
}

admins.command("promo_create", async (ctx) => {
  const promo = parseCreate(ctx.match);
  if (!promo) return ctx.reply(ctx.t("promo-create-usage"), { parse_mode: "HTML" });
  const created = await ctx.services.promos.create({ ...promo, createdBy: ctx.from.id });
  const code = escapeHtml(promo.code.toUpperCase());
  if (!created) return ctx.reply(ctx.t("promo-create-exists", { code }), { parse_mode: "HTML" });
  await ctx.reply(ctx.t("promo-created", { code, what: promoWhat(ctx, promo.tokens, promo.bonusPercent) }), {
    parse_mode: "HTML",
  });
});

admins.command("promo_list", async (ctx) => {
  const codes = await ctx.services.promos.list();
  if (codes.length === 0) return ctx.reply(ctx.t("promo-list-empty"));
  const lines = codes.map((p) =>
    ctx.t("promo-list-line", {
      code: escapeHtml(p.code),
      what: promoWhat(ctx, p.tokens, p.bonus_percent),
      uses: p.uses,
      max: p.max_uses ?? "∞",
      until: p.expires_at === null ? "—" : shownDay(p.expires_at - DAY_MS),
      state: p.disabled ? ctx.t("promo-state-disabled") : "",
    }),
  );
  await ctx.reply([ctx.t("promo-list-title"), ...lines].join("\n"), { parse_mode: "HTML" });
});

admins.command("promo_disable", async (ctx) => {
  const code = ctx.match.trim();
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(code)) return ctx.reply(ctx.t("promo-disable-usage"), { parse_mode: "HTML" });
  const done = await ctx.services.promos.disable(code);
  const key = done ? "promo-disabled-done" : "promo-unknown";
  await ctx.reply(ctx.t(key, { code: escapeHtml(code.toUpperCase()) }), { parse_mode: "HTML" });
});

function promoWhat(ctx: BotContext, tokens: number, percent: number): string {
  return percent > 0 ? ctx.t("promo-what-bonus", { percent }) : ctx.t("promo-what-tokens", { tokens });
}
