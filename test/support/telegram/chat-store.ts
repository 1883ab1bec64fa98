import type { InlineKeyboardMarkup, Message, MessageEntity, User, UserFromGetMe } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.js";
import type { StoredFile } from "./file-store.js";
import { optString, type Params } from "./params.js";
import { flattenButtons } from "./reply-markup.js";
import type { BotMessage, BotMessageKind, InvoiceInfo, MediaRef, TgUser } from "./types.js";

/** A message in a chat, Telegram-shaped in `message`, with what the emulator knows beside it. */
export interface StoredMessage {
  message: Record<string, unknown>;
  fromBot: boolean;
  kind: BotMessageKind | "user";
  media?: StoredFile;
  invoice?: InvoiceInfo;
  /** A rich message: its Markdown as sent, and the text a reader sees. */
  rich?: { markdown?: string; plain: string; blocks: number };
  edits: number;
  deleted: boolean;
  /** Deleted by the user in the app: the bot cannot know, so touching it is Telegram's error, not a violation. */
  deletedByUser?: boolean;
}

export interface ChatState {
  id: number;
  user: TgUser;
  chat:
    | { id: number; type: "private"; first_name: string; last_name?: string; username?: string }
    | { id: number; type: "group" | "supergroup"; title: string; is_forum?: true };
  messages: Map<number, StoredMessage>;
  nextMessageId: number;
  /** The reply keyboard the user currently sees, if the bot sent one. */
  replyKeyboard?: Record<string, unknown>;
  blocked: boolean;
}

export interface ChatStore {
  ensure(user: TgUser): ChatState;
  /** Adds a chat that is not a private one (a group; see groups.ts). */
  register(chat: ChatState): void;
  get(chatId: number): ChatState | undefined;
  /** The chat a `chat_id` parameter names, with Telegram's errors. */
  resolve(params: Params): ChatState;
  add(
    chat: ChatState,
    fields: Record<string, unknown>,
    meta: Omit<StoredMessage, "message" | "edits" | "deleted">,
  ): StoredMessage;
  /** A message that exists and was not deleted. */
  find(chat: ChatState, messageId: number): StoredMessage | undefined;
  /** Telegram's 400 for a message that is not there; a violation unless the user deleted it. */
  notFound(chat: ChatState, messageId: number, action: "edit" | "delete"): TelegramApiError;
  botMessages(chatId: number): BotMessage[];
}

export function userObject(user: TgUser): User {
  return { is_bot: false, ...user };
}

export function createChatStore(botUser: UserFromGetMe): ChatStore {
  const chats = new Map<number, ChatState>();
  const botFrom: User = { id: botUser.id, is_bot: true, first_name: botUser.first_name, username: botUser.username };

  const ensure = (user: TgUser): ChatState => {
    const existing = chats.get(user.id);
    if (existing !== undefined) return existing;
    const chat: ChatState = {
      id: user.id,
      user,
      chat: {
        id: user.id,
        type: "private",
        first_name: user.first_name,
        ...(user.last_name === undefined ? {} : { last_name: user.last_name }),
        ...(user.username === undefined ? {} : { username: user.username }),
      },
      messages: new Map(),
      nextMessageId: 1,
      blocked: false,
    };
    chats.set(user.id, chat);
    return chat;
  };

  return {
    ensure,
    register: (chat) => {
      chats.set(chat.id, chat);
    },
    get: (chatId) => chats.get(chatId),
    resolve(params) {
      const raw = optString(params, "chat_id");
      if (raw === undefined || raw.trim() === "") throw badRequest("chat_id is empty");
      const chat = /^-?\d+$/.test(raw.trim()) ? chats.get(Number(raw)) : undefined;
      if (chat === undefined) {
        const known = [...chats.keys()].join(", ") || "none";
        throw badRequest(
          "chat not found",
          `chat_id ${raw}: no user has written to the bot in this emulator (known chats: ${known})`,
        );
      }
      if (chat.blocked) throw new TelegramApiError(403, "Forbidden: bot was blocked by the user", { violation: false });
      return chat;
    },
    add(chat, fields, meta) {
      const message = {
        message_id: chat.nextMessageId++,
        ...(meta.fromBot ? { from: botFrom } : { from: userObject(chat.user) }),
        date: Math.floor(Date.now() / 1000),
        chat: { ...chat.chat },
        ...fields,
      };
      const stored: StoredMessage = { message, edits: 0, deleted: false, ...meta };
      chat.messages.set(message.message_id, stored);
      return stored;
    },
    notFound(chat, messageId, action) {
      const byUser = chat.messages.get(messageId)?.deletedByUser === true;
      return new TelegramApiError(400, `Bad Request: message to ${action} not found`, {
        violation: !byUser,
        hint: byUser ? "the user deleted it" : `no message ${messageId} in chat ${chat.id}`,
      });
    },
    find(chat, messageId) {
      const stored = chat.messages.get(messageId);
      return stored === undefined || stored.deleted ? undefined : stored;
    },
    botMessages(chatId) {
      const chat = chats.get(chatId);
      if (chat === undefined) return [];
      return [...chat.messages.values()]
        .filter((stored) => stored.fromBot && !stored.deleted)
        .map((stored) => toBotMessage(stored, chatId));
    },
  };
}

export function toBotMessage(stored: StoredMessage, chatId: number): BotMessage {
  const raw = structuredClone(stored.message) as unknown as Message;
  const m = stored.message;
  const kind = stored.kind === "user" ? "text" : stored.kind;
  const text = m.text as string | undefined;
  const caption = m.caption as string | undefined;
  const markup = m.reply_markup as InlineKeyboardMarkup | undefined;
  const replyTo = (m.reply_to_message as { message_id?: number } | undefined)?.message_id;
  const view: BotMessage = {
    message_id: m.message_id as number,
    chat_id: chatId,
    date: m.date as number,
    kind,
    content:
      kind === "text"
        ? (text ?? "")
        : kind === "invoice"
          ? (stored.invoice?.title ?? "")
          : kind === "rich"
            ? (stored.rich?.plain ?? "")
            : (caption ?? ""),
    buttons: flattenButtons(markup),
    edits: stored.edits,
    raw,
  };
  if (typeof m.edit_date === "number") view.edit_date = m.edit_date;
  if (text !== undefined) view.text = text;
  if (m.entities !== undefined) view.entities = structuredClone(m.entities) as MessageEntity[];
  if (caption !== undefined) view.caption = caption;
  if (m.caption_entities !== undefined) view.caption_entities = structuredClone(m.caption_entities) as MessageEntity[];
  if (markup !== undefined) view.reply_markup = structuredClone(markup);
  if (stored.media !== undefined) view.media = mediaRef(stored.media);
  if (stored.invoice !== undefined) view.invoice = structuredClone(stored.invoice);
  if (stored.rich?.markdown !== undefined) view.markdown = stored.rich.markdown;
  if (replyTo !== undefined) view.reply_to_message_id = replyTo;
  return view;
}

function mediaRef(file: StoredFile): MediaRef {
  const ref: MediaRef = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  if (file.bytes !== undefined) ref.bytes = file.bytes;
  if (file.url !== undefined) ref.url = file.url;
  if (file.file_name !== undefined) ref.file_name = file.file_name;
  if (file.mime_type !== undefined) ref.mime_type = file.mime_type;
  if (file.file_size !== undefined) ref.file_size = file.file_size;
  return ref;
}
