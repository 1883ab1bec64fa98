import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { shownMinute } from "../formatting/date-time.js";
import { escapeHtml } from "../formatting/html.js";
import { splitHtml, TELEGRAM_TEXT_LIMIT } from "../formatting/split-message.js";

/** /models_health: every product, the upstream serving it, whether it runs and when it was last checked. */
export const modelsHealthFeature = new Composer<BotContext>();

// Admin output is private: in a group the command does not exist.
const admins = modelsHealthFeature.filter((ctx) => isAdmin(ctx) && ctx.chat?.type === "private");

admins.command("models_health", async (ctx) => {
  const { health, engine } = ctx.services;
  const lines = health.states().map((state) => {
    const available = engine.isAvailable(state.slug);
    return ctx.t("health-line", {
      mark: available ? "✅" : "⛔",
      slug: escapeHtml(state.slug),
      provider: state.provider,
      upstream: escapeHtml(state.upstream),
      checked: state.checkedAt === null ? ctx.t("health-never-checked") : shownMinute(state.checkedAt),
    });
  });
  const text = [ctx.t("health-title"), ...lines].join("\n");
  for (const part of splitHtml(text, TELEGRAM_TEXT_LIMIT)) await ctx.reply(part, { parse_mode: "HTML" });
});
