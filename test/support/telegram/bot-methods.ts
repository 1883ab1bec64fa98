import type { BotCommand } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { MAX_DOWNLOAD } from "./file-store.js";
import { isRecord, optBool, optInt, optJson, optString, type Params, reqInt } from "./params.js";

/** Bot-level settings the bot wrote, for assertions. */
export interface BotSettings {
  webhook: { url: string; secret_token?: string; max_connections?: number } | undefined;
  /** Commands keyed by `${scope JSON}|${language_code}`; see commandsKey. */
  commands: Map<string, BotCommand[]>;
  /** Keyed by `${kind}|${language_code}`, kind one of description, short_description, name. */
  texts: Map<string, string>;
  menuButtons: Map<string, unknown>;
}

const SCOPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);
const TEXT_LIMITS = { description: 512, short_description: 120, name: 64 } as const;

export function commandsKey(languageCode = "", scope: Record<string, unknown> = { type: "default" }): string {
  const ordered = Object.fromEntries(Object.entries(scope).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(ordered)}|${languageCode}`;
}

function scopeAndLanguage(params: Params): string {
  const scope = optJson(params, "scope", "can't parse BotCommandScope JSON object") ?? { type: "default" };
  if (!isRecord(scope) || typeof scope.type !== "string" || !SCOPES.has(scope.type)) {
    throw badRequest("can't parse BotCommandScope: unsupported scope type", JSON.stringify(scope));
  }
  const language = optString(params, "language_code") ?? "";
  if (language !== "" && !/^[a-z]{2}$/.test(language)) {
    throw badRequest(
      "LANG_CODE_INVALID",
      `language_code ${JSON.stringify(language)}: two-letter ISO 639-1 code or empty`,
    );
  }
  return commandsKey(language, scope);
}

function parseCommands(params: Params): BotCommand[] {
  const value = optJson(params, "commands", "can't parse commands JSON object") ?? [];
  if (!Array.isArray(value)) throw badRequest("expected an Array of BotCommand");
  if (value.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH", `${value.length} commands, limit 100`);
  return value.map((item): BotCommand => {
    if (!isRecord(item) || typeof item.command !== "string" || typeof item.description !== "string") {
      throw badRequest('can\'t parse BotCommand: fields "command" and "description" must be Strings');
    }
    if (!/^[a-z0-9_]{1,32}$/.test(item.command)) {
      throw badRequest(
        "BOT_COMMAND_INVALID",
        `command ${JSON.stringify(item.command)}: 1-32 of a-z, 0-9, _ (no slash, no capitals)`,
      );
    }
    if (item.description.length < 1 || item.description.length > 256) {
      throw badRequest(
        "BOT_COMMAND_DESCRIPTION_INVALID",
        `/${item.command} description is ${item.description.length} characters, 1-256 allowed`,
      );
    }
    return { command: item.command, description: item.description };
  });
}

export function createBotMethods(core: EmulatorCore, settings: BotSettings): MethodTable {
  const setText =
    (kind: keyof typeof TEXT_LIMITS) =>
    ({ params }: { params: Params }) => {
      const text = optString(params, kind) ?? "";
      if (text.length > TEXT_LIMITS[kind]) {
        throw badRequest(
          `${kind.toUpperCase()}_INVALID`,
          `${kind} is ${text.length} characters, limit ${TEXT_LIMITS[kind]}`,
        );
      }
      settings.texts.set(`${kind}|${optString(params, "language_code") ?? ""}`, text);
      return true;
    };
  const getText =
    (kind: keyof typeof TEXT_LIMITS) =>
    ({ params }: { params: Params }) => ({
      [kind]: settings.texts.get(`${kind}|${optString(params, "language_code") ?? ""}`) ?? "",
    });

  return {
    getMe: () => core.botUser,
    logOut: () => true,
    close: () => true,

    getUpdates({ params, connection }) {
      if (settings.webhook !== undefined) {
        throw new TelegramApiError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const allowed = optJson(params, "allowed_updates", "can't parse allowed_updates JSON object");
      if (allowed !== undefined && !(Array.isArray(allowed) && allowed.every((item) => typeof item === "string"))) {
        throw badRequest("can't parse allowed_updates JSON object", "allowed_updates must be an Array of Strings");
      }
      return core.updates.poll(
        {
          offset: optInt(params, "offset"),
          limit: Math.min(100, Math.max(1, optInt(params, "limit") ?? 100)),
          timeoutSeconds: Math.max(0, optInt(params, "timeout") ?? 0),
          allowedUpdates: allowed as string[] | undefined,
        },
        connection,
      );
    },

    setWebhook({ params }) {
      const url = optString(params, "url") ?? "";
      const secret = optString(params, "secret_token");
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        throw badRequest("secret token contains unallowed characters", "1-256 of A-Z, a-z, 0-9, _ and -");
      }
      if (url !== "" && !/^https:\/\//i.test(url))
        throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
      const connections = optInt(params, "max_connections");
      if (connections !== undefined && (connections < 1 || connections > 100)) {
        throw badRequest("bad webhook: max_connections must be between 1 and 100");
      }
      const allowed = optJson(params, "allowed_updates", "can't parse allowed_updates JSON object");
      if (Array.isArray(allowed)) core.updates.allow(allowed.map(String));
      if (optBool(params, "drop_pending_updates") === true) core.updates.dropPending();
      settings.webhook =
        url === ""
          ? undefined
          : {
              url,
              ...(secret === undefined ? {} : { secret_token: secret }),
              ...(connections === undefined ? {} : { max_connections: connections }),
            };
      return true;
    },
    deleteWebhook({ params }) {
      if (optBool(params, "drop_pending_updates") === true) core.updates.dropPending();
      settings.webhook = undefined;
      return true;
    },
    getWebhookInfo: () => ({
      url: settings.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: core.updates.pending().length,
    }),

    setMyCommands({ params }) {
      const key = scopeAndLanguage(params);
      const commands = parseCommands(params);
      if (commands.length === 0) settings.commands.delete(key);
      else settings.commands.set(key, commands);
      return true;
    },
    getMyCommands: ({ params }) => settings.commands.get(scopeAndLanguage(params)) ?? [],
    deleteMyCommands({ params }) {
      settings.commands.delete(scopeAndLanguage(params));
      return true;
    },
    setMyDescription: setText("description"),
    getMyDescription: getText("description"),
    setMyShortDescription: setText("short_description"),
    getMyShortDescription: getText("short_description"),
    setMyName: setText("name"),
    getMyName: getText("name"),
    setChatMenuButton({ params }) {
      const button = optJson(params, "menu_button", "can't parse menu button JSON object") ?? { type: "default" };
      if (!isRecord(button) || !["default", "commands", "web_app"].includes(String(button.type))) {
        throw badRequest("can't parse menu button: MenuButton must be an Object with a valid type");
      }
      settings.menuButtons.set(optString(params, "chat_id") ?? "", button);
      return true;
    },
    getChatMenuButton: ({ params }) =>
      settings.menuButtons.get(optString(params, "chat_id") ?? "") ??
      settings.menuButtons.get("") ?? { type: "commands" },

    getChat({ params }) {
      const chat = core.chats.resolve(params);
      return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11 };
    },
    getChatMember({ params }) {
      const chat = core.chats.resolve(params);
      const userId = reqInt(params, "user_id", "user_id is empty");
      if (userId === core.botUser.id) return { status: "member", user: core.botUser };
      if (userId !== chat.user.id)
        throw badRequest("user not found", `user ${userId} is not in private chat ${chat.id}`);
      return { status: "member", user: { is_bot: false, ...chat.user } };
    },

    getFile({ params }) {
      const fileId = optString(params, "file_id") ?? "";
      const file = core.files.byId(fileId);
      if (file === undefined)
        throw badRequest("invalid file_id", `unknown file_id ${JSON.stringify(fileId.slice(0, 60))}`);
      if ((file.file_size ?? 0) > MAX_DOWNLOAD) {
        throw badRequest("file is too big", `${file.file_size} bytes; bots can download at most 20 MB`);
      }
      return {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        ...(file.file_size === undefined ? {} : { file_size: file.file_size }),
        file_path: file.file_path,
      };
    },
  };
}
