import type { CallbackQuery, InlineKeyboardMarkup, Message, Update } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.js";
import { detectEntities } from "./auto-entities.js";
import type { CallbackQueries } from "./callback-queries.js";
import { type ChatState, userObject } from "./chat-store.js";
import type { ApiRequest, EmulatorCore, MethodHandler, MethodTable } from "./core.js";
import { createEphemeralMessages, type EphemeralRecord } from "./ephemeral-messages.js";
import { createGuestQueries } from "./guest-queries.js";
import { isRecord, optInt, optJson, optString, type Params, reqInt } from "./params.js";
import { flattenButtons } from "./reply-markup.js";
import type { TgUser } from "./types.js";

export type { EphemeralRecord } from "./ephemeral-messages.js";
export type { GuestQueryRecord } from "./guest-queries.js";

export interface GroupOptions {
  /** Negative, as Telegram's group ids are. */
  id: number;
  title: string;
  type?: "group" | "supergroup";
  /** A supergroup with forum topics. */
  forum?: boolean;
  members: TgUser[];
  /** Member ids who are administrators (the first member is the creator). */
  admins?: number[];
  /** Privacy mode (Telegram's default): only commands, mentions of the bot and replies to it reach the bot. */
  privacy?: boolean;
}

interface GroupState {
  options: GroupOptions;
  chat: ChatState;
  /** Sends and edits in the last minute (Telegram allows a group about 20). */
  recent: number[];
}

const GROUP_PER_MINUTE = 20;
const SEND_METHODS = [
  "sendMessage",
  "sendRichMessage",
  "sendPhoto",
  "sendVideo",
  "sendAudio",
  "sendVoice",
  "sendDocument",
  "sendAnimation",
];
const EDIT_METHODS = ["editMessageText", "editMessageCaption", "editMessageReplyMarkup"];

/**
 * Groups, forum topics, ephemeral messages and guest mode for the emulator. Its rules: a group takes
 * about 20 messages a minute (429 past that), drafts are private-only, a reply stays in the topic
 * of the message it answers, an ephemeral message goes to a member of a group, a guest query is
 * answered once with a valid InlineQueryResult.
 */
export function createGroups(core: EmulatorCore, callbacks: CallbackQueries, base: MethodTable) {
  const groups = new Map<number, GroupState>();
  const ephemeralMessages = createEphemeralMessages(core);
  const guests = createGuestQueries(core, callbacks);

  const group = (chatId: number): GroupState | undefined => groups.get(chatId);
  const chatIdOf = (params: Params): number | undefined => {
    const raw = optString(params, "chat_id");
    return raw !== undefined && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
  };

  /** Telegram's per-group limit: past 20 a minute the bot is flooding the group. */
  const countInGroup = (state: GroupState, method: string) => {
    const now = Date.now();
    state.recent = state.recent.filter((at) => now - at < 60_000);
    if (state.recent.length >= GROUP_PER_MINUTE) {
      throw new TelegramApiError(429, "Too Many Requests: retry after 30", {
        retryAfter: 30,
        hint: `${method}: more than ${GROUP_PER_MINUTE} messages and edits a minute in group ${state.chat.id}`,
      });
    }
    state.recent.push(now);
  };

  /** A reply to a message of a topic must be sent into that topic. */
  const checkTopic = (state: GroupState, params: Params, method: string) => {
    const reply = optJson(params, "reply_parameters", "can't parse reply parameters JSON object");
    const replyTo = isRecord(reply) && typeof reply.message_id === "number" ? reply.message_id : undefined;
    if (replyTo === undefined) return;
    const replied = state.chat.messages.get(replyTo)?.message;
    const topic = replied?.message_thread_id;
    if (typeof topic === "number" && optInt(params, "message_thread_id") !== topic) {
      throw badRequest(
        "message thread not found",
        `${method} replies to message ${replyTo} of topic ${topic} but names topic ${optString(params, "message_thread_id") ?? "none"}`,
      );
    }
  };

  const wrapSend =
    (method: string, handler: MethodHandler): MethodHandler =>
    (request: ApiRequest) => {
      const chatId = chatIdOf(request.params);
      const state = chatId === undefined ? undefined : group(chatId);
      const ephemeral = request.params.ephemeral_message_parameters !== undefined;
      if (state === undefined) {
        if (ephemeral) throw badRequest("ephemeral messages can be sent only to groups", `${method} to chat ${chatId}`);
        return handler(request);
      }
      if (ephemeral) return ephemeralMessages.send(state.chat, state.options.members, request.params, method);
      checkTopic(state, request.params, method);
      countInGroup(state, method);
      const result = handler(request) as Record<string, unknown>;
      const thread = optInt(request.params, "message_thread_id");
      const stored = state.chat.messages.get(result.message_id as number);
      if (thread !== undefined && stored !== undefined) {
        stored.message.message_thread_id = thread;
        stored.message.is_topic_message = true;
        return structuredClone(stored.message);
      }
      return result;
    };

  const wrapEdit =
    (method: string, handler: MethodHandler): MethodHandler =>
    (request: ApiRequest) => {
      const inline = optString(request.params, "inline_message_id");
      if (inline !== undefined && optString(request.params, "chat_id") === undefined)
        return guests.editInline(inline, request.params, method);
      const chatId = chatIdOf(request.params);
      const state = chatId === undefined ? undefined : group(chatId);
      if (state !== undefined) countInGroup(state, method);
      return handler(request);
    };

  const noDraftsInGroups =
    (method: string, handler: MethodHandler): MethodHandler =>
    (request: ApiRequest) => {
      const chatId = chatIdOf(request.params);
      if (chatId !== undefined && group(chatId) !== undefined)
        throw badRequest("chat type not supported", `${method}: drafts exist only in private chats`);
      return handler(request);
    };

  const methods: MethodTable = {
    ...guests.methods,
    getChatMember({ params }) {
      const state = group(chatIdOf(params) ?? 0);
      if (state === undefined) throw badRequest("chat not found", "getChatMember works in groups of this emulator");
      const userId = reqInt(params, "user_id", "user not found");
      const member = state.options.members.find((m) => m.id === userId);
      if (member === undefined) return { status: "left", user: { is_bot: false, id: userId, first_name: "?" } };
      const creator = state.options.members[0]?.id === userId;
      const admin = state.options.admins?.includes(userId) ?? false;
      const status = creator ? "creator" : admin ? "administrator" : "member";
      return { status, user: userObject(member), ...(status === "administrator" ? { can_be_edited: false } : {}) };
    },
  };
  for (const method of SEND_METHODS) {
    const handler = base[method];
    if (handler !== undefined) methods[method] = wrapSend(method, handler);
  }
  for (const method of EDIT_METHODS) {
    const handler = base[method];
    if (handler !== undefined) methods[method] = wrapEdit(method, handler);
  }
  for (const method of ["sendMessageDraft", "sendRichMessageDraft"]) {
    const handler = base[method];
    if (handler !== undefined) methods[method] = noDraftsInGroups(method, handler);
  }

  const memberOf = (state: GroupState, user: TgUser, what: string) => {
    if (!state.options.members.some((m) => m.id === user.id))
      throw new Error(`${what}: ${user.first_name} is not a member of group ${state.chat.id}`);
  };
  const stateOf = (chatId: number, what: string) => {
    const state = group(chatId);
    if (state === undefined) throw new Error(`${what}: no group ${chatId} (createGroup first)`);
    return state;
  };

  return {
    methods,
    ephemerals: ephemeralMessages.records,
    guestQueries: guests.queries,
    guestMessage: guests.guestMessage,
    clickGuestButton: guests.clickGuestButton,
    /** false: the server refuses ephemeral messages (400, not a violation; the bot must cope). */
    setEphemeralSupported(on: boolean) {
      ephemeralMessages.supported = on;
    },

    createGroup(options: GroupOptions): void {
      const type = options.type ?? (options.forum ? "supergroup" : "group");
      const chat: ChatState = {
        id: options.id,
        user: options.members[0] ?? { id: 0, first_name: "nobody" },
        chat: { id: options.id, type, title: options.title, ...(options.forum ? { is_forum: true as const } : {}) },
        messages: new Map(),
        nextMessageId: 1,
        blocked: false,
      };
      core.chats.register(chat);
      groups.set(options.id, { options, chat, recent: [] });
    },

    /** A member writes in the group; with privacy mode on, only what the bot may see becomes an update. */
    sendGroupText(
      user: TgUser,
      chatId: number,
      text: string,
      options: { replyTo?: number; threadId?: number } = {},
    ): { message: Message; delivered: boolean } {
      const state = stateOf(chatId, "sendGroupText");
      memberOf(state, user, "sendGroupText");
      const entities = detectEntities(text, []);
      const fields: Record<string, unknown> = { from: userObject(user), text };
      if (entities.length > 0) fields.entities = entities;
      if (options.threadId !== undefined) {
        fields.message_thread_id = options.threadId;
        fields.is_topic_message = true;
      }
      if (options.replyTo !== undefined) {
        const replied = core.chats.find(state.chat, options.replyTo);
        if (replied === undefined) throw new Error(`sendGroupText: group ${chatId} has no message #${options.replyTo}`);
        const { reply_to_message: _nested, ...repliedMessage } = replied.message;
        fields.reply_to_message = structuredClone(repliedMessage);
      }
      const stored = core.chats.add(state.chat, fields, { fromBot: false, kind: "user" });
      const message = structuredClone(stored.message) as unknown as Message;
      const handle = `@${core.botUser.username}`.toLowerCase();
      const seen =
        state.options.privacy === false ||
        entities.some((e) => e.type === "bot_command") ||
        entities.some(
          (e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle,
        ) ||
        message.reply_to_message?.from?.id === core.botUser.id;
      if (seen) core.updates.push({ message: message as NonNullable<Update["message"]> });
      return { message, delivered: seen };
    },

    /** A member presses a button of a bot message in the group (any member sees them all). */
    clickGroupButton(user: TgUser, chatId: number, messageId: number, data: string): CallbackQuery {
      const state = stateOf(chatId, "clickGroupButton");
      memberOf(state, user, "clickGroupButton");
      const stored = core.chats.find(state.chat, messageId);
      if (stored === undefined || !stored.fromBot) throw new Error(`clickGroupButton: no bot message #${messageId}`);
      const buttons = flattenButtons(stored.message.reply_markup as InlineKeyboardMarkup | undefined);
      if (!buttons.some((b) => b.callback_data === data))
        throw new Error(`clickGroupButton: message #${messageId} has no button ${data}`);
      return callbacks.create(user, structuredClone(stored.message) as unknown as Message, data);
    },

    /** The receiver presses a button of an ephemeral message (nobody else can see it). */
    clickEphemeralButton(user: TgUser, record: EphemeralRecord, data: string): CallbackQuery {
      if (record.receiver_user_id !== user.id)
        throw new Error(`clickEphemeralButton: only user ${record.receiver_user_id} sees this message`);
      if (!record.buttons.some((b) => b.callback_data === data))
        throw new Error(`clickEphemeralButton: no button ${data}`);
      return callbacks.create(user, structuredClone(record.message), data);
    },

    /**
     * Another member replays the callback data of an ephemeral message they cannot see (a modified
     * client, or data copied from elsewhere): the bot must refuse it as it would any stranger's press.
     */
    forgeEphemeralClick(user: TgUser, record: EphemeralRecord, data: string): CallbackQuery {
      if (!record.buttons.some((b) => b.callback_data === data))
        throw new Error(`forgeEphemeralClick: no button ${data}`);
      return callbacks.create(user, structuredClone(record.message), data);
    },
  };
}

export type GroupsEmulator = ReturnType<typeof createGroups>;
