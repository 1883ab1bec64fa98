import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { historyScreen } from "../features/history.js";
import { isAdmin } from "../filters/admin.js";
import { showScreen } from "../screen.js";
import { isGroupChat } from "./addressed.js";

/** A user's own screens: in a group they are a one-line pointer to the private chat. */
export const PRIVATE_SCREENS = [
  "start",
  // The model menus show the user's balance.
  "models",
  "balance",
  "history",
  "buy",
  "plans",
  "paysupport",
  "settings",
  "language",
  "api",
  "referral",
  "promo",
] as const;

/** Admin commands: their output (balances, payments, users) is never shown to a group. */
export const ADMIN_COMMANDS = [
  "grant",
  "refund",
  "stats",
  "user",
  "reconcile",
  "models_health",
  "promo_create",
  "promo_list",
  "promo_disable",
  "broadcast",
  "export",
] as const;

/** Deep-link payloads `/start` understands: each opens the screen of the same name. */
const DEEP_LINKS = new Set<string>(PRIVATE_SCREENS.filter((s) => s !== "start" && s !== "promo"));

/** `https://t.me/<bot>?start=<screen>`: opens the bot in private chat on that screen. */
export function privateLink(ctx: BotContext, screen: string): string {
  return `https://t.me/${ctx.me.username}?start=${screen === "start" ? "main" : screen}`;
}

async function pointToPrivate(ctx: BotContext, screen: string) {
  const keyboard = new InlineKeyboard().url(ctx.t("groups-open-private"), privateLink(ctx, screen));
  await ctx.reply(ctx.t("groups-private-only"), {
    reply_markup: keyboard,
    reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id } : undefined,
    message_thread_id: ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined,
  });
}

/**
 * Private things stay private: account screens and admin commands sent in a group get a pointer to
 * the private chat; `/start <screen>` there (the pointer's deep link) opens that very screen.
 */
export const privateOnlyFeature = new Composer<BotContext>();

const groups = privateOnlyFeature.filter((ctx) => isGroupChat(ctx.chat));
groups.command([...PRIVATE_SCREENS], (ctx) => pointToPrivate(ctx, ctx.msg?.text?.slice(1).split(/[\s@]/)[0] ?? ""));
groups.filter(isAdmin).command([...ADMIN_COMMANDS], (ctx) => pointToPrivate(ctx, "start"));
// To anyone else admin commands do not exist, in a group as in private.
groups.command([...ADMIN_COMMANDS], () => {});

// The deep link arrives as `/start <screen>`: handled as the screen's own command, so every screen
// (including ones added later) opens exactly as if its command had been typed.
privateOnlyFeature
  .filter((ctx) => ctx.chat?.type === "private")
  .command("start", async (ctx, next) => {
    const screen = ctx.match.trim();
    if (!DEEP_LINKS.has(screen) || !ctx.message) return next();
    // History is a screen without a command of its own.
    if (screen === "history") return showScreen(ctx, await historyScreen(ctx, 0));
    const command = `/${screen}`;
    ctx.message.text = command;
    ctx.message.entities = [{ type: "bot_command", offset: 0, length: command.length }];
    return next();
  });
