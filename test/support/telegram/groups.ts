import type { CallbackQuery, InlineKeyboardMarkup, Message, Update } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.js";
import { detectEntities } from "./auto-entities.js";
import type { CallbackQueries } from "./callback-queries.js";
import { type ChatState, userObject } from "./chat-store.js";
import type { ApiRequest, EmulatorCore, MethodHandler, MethodTable } from "./core.js";
import { messageText } from "./formatted-text.js";
import { sameContent } from "./message-helpers.js";
import { isRecord, optInt, optJson, optString, type Params, reqInt } from "./params.js";
import { flattenButtons, parseReplyMarkup } from "./reply-markup.js";
import type { FlatButton, TgUser } from "./types.js";

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

/** An ephemeral message (Bot API 10.2): shown to `receiver_user_id` only, never stored in the chat. */
export interface EphemeralRecord {
  chat_id: number;
  receiver_user_id: number;
  ephemeral_message_id: number;
  text: string;
  buttons: FlatButton[];
  message: Message;
}

/** A guest query and what the bot answered (its inline message, edited later like any). */
export interface GuestQueryRecord {
  guest_query_id: string;
  caller: TgUser;
  chat_id: number;
  answered: boolean;
  inline_message_id?: string;
  text?: string;
  buttons: FlatButton[];
  edits: number;
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
  const ephemerals: EphemeralRecord[] = [];
  const guestQueries = new Map<string, GuestQueryRecord>();
  let ephemeralSupported = true;
  let nextEphemeral = 1;
  let nextGuest = 1;

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

  const sendEphemeral = (state: GroupState, params: Params, method: string): Message => {
    if (method !== "sendMessage") throw badRequest("ephemeral messages are not emulated for this method");
    const parameters = optJson(params, "ephemeral_message_parameters", "can't parse ephemeral message parameters");
    const receiver = isRecord(parameters) ? parameters.receiver_user_id : undefined;
    const member = state.options.members.find((m) => m.id === receiver);
    if (member === undefined) throw badRequest("USER_NOT_PARTICIPANT", `receiver ${String(receiver)} is not a member`);
    if (!ephemeralSupported)
      throw new TelegramApiError(400, "Bad Request: EPHEMERAL_MESSAGES_UNSUPPORTED", { violation: false });
    const parsed = messageText(params);
    const markup = parseReplyMarkup(params, "message");
    const message = {
      message_id: 0,
      ephemeral_message_id: nextEphemeral++,
      receiver_user: userObject(member),
      from: { id: core.botUser.id, is_bot: true, first_name: core.botUser.first_name, username: core.botUser.username },
      date: core.now(),
      chat: { ...state.chat.chat },
      text: parsed.text,
      ...(markup?.inline === undefined ? {} : { reply_markup: markup.inline }),
    } as unknown as Message;
    ephemerals.push({
      chat_id: state.chat.id,
      receiver_user_id: member.id,
      ephemeral_message_id: message.ephemeral_message_id ?? 0,
      text: parsed.text,
      buttons: flattenButtons(markup?.inline),
      message,
    });
    return message;
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
      if (ephemeral) return sendEphemeral(state, request.params, method);
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
        return editInline(inline, request.params, method);
      const chatId = chatIdOf(request.params);
      const state = chatId === undefined ? undefined : group(chatId);
      if (state !== undefined) countInGroup(state, method);
      return handler(request);
    };

  const editInline = (inlineId: string, params: Params, method: string) => {
    const record = [...guestQueries.values()].find((q) => q.inline_message_id === inlineId);
    if (record === undefined) throw badRequest("MESSAGE_ID_INVALID", `no inline message ${inlineId}`);
    if (method !== "editMessageText") throw badRequest("inline message edits other than text are not emulated");
    const parsed = messageText(params);
    const markup = parseReplyMarkup(params, "edit");
    const buttons = flattenButtons(markup?.inline);
    if (record.text === parsed.text && sameContent(record.buttons, buttons))
      throw badRequest("message is not modified");
    record.text = parsed.text;
    record.buttons = buttons;
    record.edits += 1;
    return true;
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

    answerGuestQuery({ params }) {
      const id = optString(params, "guest_query_id") ?? "";
      const record = guestQueries.get(id);
      if (record === undefined) throw badRequest("GUEST_QUERY_ID_INVALID", `unknown guest_query_id ${id}`);
      if (record.answered) throw badRequest("GUEST_QUERY_ID_INVALID", `guest query ${id} answered twice`);
      const result = optJson(params, "result", "can't parse inline query result JSON object");
      if (!isRecord(result) || typeof result.type !== "string" || typeof result.id !== "string")
        throw badRequest("RESULT_TYPE_INVALID", "result needs a type and an id");
      if (result.id === "" || Buffer.byteLength(result.id) > 64) throw badRequest("RESULT_ID_INVALID");
      if (result.type !== "article") throw badRequest("RESULT_TYPE_INVALID", "only article results are emulated");
      if (typeof result.title !== "string" || result.title === "") throw badRequest("RESULT_TITLE_EMPTY");
      const content = result.input_message_content;
      if (!isRecord(content)) throw badRequest("MESSAGE_EMPTY", "an article needs input_message_content");
      const parsed = messageText({
        text: content.message_text,
        parse_mode: content.parse_mode,
        entities: content.entities,
      } as Params);
      const markup = parseReplyMarkup({ reply_markup: result.reply_markup } as Params, "edit");
      record.answered = true;
      record.inline_message_id = `guest-${id}`;
      record.text = parsed.text;
      record.buttons = flattenButtons(markup?.inline as InlineKeyboardMarkup | undefined);
      return { inline_message_id: record.inline_message_id };
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
    ephemerals,
    guestQueries,
    /** false: the server refuses ephemeral messages (400, not a violation; the bot must cope). */
    setEphemeralSupported(on: boolean) {
      ephemeralSupported = on;
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

    /** A user summons the bot by mention in a chat it is not a member of: a `guest_message` update. */
    guestMessage(
      user: TgUser,
      chat: { id: number; title: string },
      text: string,
      options: { replyTo?: Record<string, unknown> } = {},
    ): GuestQueryRecord {
      const id = `gq${nextGuest++}`;
      const entities = detectEntities(text, []);
      const message = {
        message_id: 1000 + nextGuest,
        from: userObject(user),
        date: core.now(),
        chat: { id: chat.id, type: "supergroup", title: chat.title },
        guest_query_id: id,
        text,
        ...(entities.length > 0 ? { entities } : {}),
        ...(options.replyTo === undefined
          ? {}
          : {
              reply_to_message: {
                date: core.now(),
                chat: { id: chat.id, type: "supergroup", title: chat.title },
                message_id: 1,
                ...options.replyTo,
              },
            }),
      };
      const record: GuestQueryRecord = {
        guest_query_id: id,
        caller: user,
        chat_id: chat.id,
        answered: false,
        buttons: [],
        edits: 0,
      };
      guestQueries.set(id, record);
      core.updates.push({ guest_message: message as unknown as NonNullable<Update["guest_message"]> });
      return record;
    },

    /** The caller presses a button of the bot's answer to their guest query (an inline message). */
    clickGuestButton(user: TgUser, record: GuestQueryRecord, data: string): CallbackQuery {
      if (record.inline_message_id === undefined) throw new Error("clickGuestButton: the query was not answered");
      if (!record.buttons.some((b) => b.callback_data === data))
        throw new Error(
          `clickGuestButton: no button ${data} (buttons: ${record.buttons.map((b) => b.callback_data).join(", ")})`,
        );
      return callbacks.create(user, undefined, data, record.inline_message_id);
    },
  };
}

export type GroupsEmulator = ReturnType<typeof createGroups>;
