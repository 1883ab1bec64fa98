import { Composer, InlineKeyboard } from "grammy";
import type { GroupSettings } from "../../storage/group-settings-repository.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { KINDS } from "../features/models.js";
import { showScreen } from "../screen.js";
import { isGroupChat } from "./addressed.js";

const CAPS = [0, 10, 50, 200] as const;

/** Only the group's creator and administrators, as Telegram says now (not as it said when the menu opened). */
async function isGroupAdmin(ctx: BotContext): Promise<boolean> {
  if (!ctx.chat || !ctx.from) return false;
  const member = await ctx.api.getChatMember(ctx.chat.id, ctx.from.id).catch(() => undefined);
  return member?.status === "creator" || member?.status === "administrator";
}

function settingsScreen(ctx: BotContext, settings: GroupSettings) {
  const mark = (on: boolean) => (on ? "✅" : "▫️");
  const allowed = (kind: string) => settings.kinds === null || settings.kinds.includes(kind);
  const keyboard = new InlineKeyboard().text(
    ctx.t(settings.enabled ? "groups-settings-btn-off" : "groups-settings-btn-on"),
    cb.groupSettings.pack({ action: "on", value: settings.enabled ? "0" : "1" }),
  );
  KINDS.forEach((kind, index) => {
    if (index % 2 === 0) keyboard.row();
    keyboard.text(
      `${mark(allowed(kind))} ${ctx.t(`category-${kind}`)}`,
      cb.groupSettings.pack({ action: "kind", value: kind }),
    );
  });
  keyboard.row();
  for (const cap of CAPS) {
    const selected = (settings.memberDailyCap ?? 0) === cap ? "✅ " : "";
    const label = cap === 0 ? ctx.t("groups-settings-no-cap") : String(cap);
    keyboard.text(`${selected}${label}`, cb.groupSettings.pack({ action: "cap", value: String(cap) }));
  }
  const cap = settings.memberDailyCap === null ? ctx.t("groups-settings-no-cap") : String(settings.memberDailyCap);
  const text = ctx.t("groups-settings", {
    state: ctx.t(settings.enabled ? "groups-settings-on" : "groups-settings-off"),
    cap,
  });
  return { text, keyboard };
}

function applyChange(settings: GroupSettings, action: string, value: string): GroupSettings {
  switch (action) {
    case "on":
      return { ...settings, enabled: value === "1" };
    case "kind": {
      if (!(KINDS as readonly string[]).includes(value)) return settings;
      const current = settings.kinds ?? [...KINDS];
      const kinds = current.includes(value) ? current.filter((k) => k !== value) : [...current, value];
      return { ...settings, kinds: kinds.length === KINDS.length ? null : kinds };
    }
    case "cap": {
      const cap = Number(value);
      if (!(CAPS as readonly number[]).includes(cap)) return settings;
      return { ...settings, memberDailyCap: cap === 0 ? null : cap };
    }
    default:
      return settings;
  }
}

/** `/groupsettings`: a group's admins choose whether the bot answers, which kinds, and a per-member daily cap. */
export const groupSettingsFeature = new Composer<BotContext>();

const groups = groupSettingsFeature.filter((ctx) => isGroupChat(ctx.chat));

groups.command("groupsettings", async (ctx) => {
  if (!(await isGroupAdmin(ctx))) return ctx.reply(ctx.t("groups-settings-admins-only"));
  const settings = await ctx.services.groupSettings.get(ctx.chat.id);
  const screen = settingsScreen(ctx, settings);
  await ctx.reply(screen.text, {
    parse_mode: "HTML",
    reply_markup: screen.keyboard,
    reply_parameters: { message_id: ctx.message?.message_id ?? 0, allow_sending_without_reply: true },
    message_thread_id: ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined,
  });
});

groups.callbackQuery(cb.groupSettings.filter, async (ctx) => {
  if (!(await isGroupAdmin(ctx))) return ctx.answerCallbackQuery(ctx.t("groups-settings-admins-only"));
  const { action, value } = cb.groupSettings.unpack(ctx.callbackQuery.data);
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return ctx.answerCallbackQuery();
  const settings = applyChange(await ctx.services.groupSettings.get(chatId), action, value);
  await ctx.services.groupSettings.set(chatId, settings);
  await ctx.answerCallbackQuery();
  await showScreen(ctx, settingsScreen(ctx, settings));
});

groupSettingsFeature.command("groupsettings", (ctx) => ctx.reply(ctx.t("groups-settings-in-groups")));
