import type { CallbackQuery, Message, Update } from "grammy/types";
import { detectEntities } from "./auto-entities.js";
import type { CallbackQueries } from "./callback-queries.js";
import { type StoredMessage, toBotMessage } from "./chat-store.js";
import type { EmulatorCore } from "./core.js";
import type { FileKind } from "./file-store.js";
import { type MediaMeta, mediaFields } from "./media-methods.js";
import type { BotMessage, FlatButton, TgUser } from "./types.js";

/** What a person does in the Telegram app, turned into updates for the bot. */
export interface UserActions {
  /** A text message; `/cmd args` gets a bot_command entity. `replyTo` quotes a message of the chat. */
  sendText(user: TgUser, text: string, options?: { replyTo?: number }): Message;
  /** Presses the inline button with this callback_data; throws (listing the buttons) if the message doesn't carry it now. */
  clickButton(user: TgUser, message: Message | BotMessage | number, data: string): CallbackQuery;
  /** Presses the one callback button whose text equals `label` (or matches it). */
  clickButtonByText(user: TgUser, message: Message | BotMessage | number, label: string | RegExp): CallbackQuery;
  /**
   * A modified client presses a button that is not there: any callback_data (forged, stale, another
   * user's) on a bot message of the user's own chat. Telegram passes such data on unchecked.
   */
  pressForged(user: TgUser, message: Message | BotMessage | number, data: string): CallbackQuery;
  /**
   * A press the app sent before the bot changed or deleted the message: Telegram hands it on with the
   * message as the user saw it (`seen`, taken earlier), whatever the message is now, or if it is gone.
   */
  pressAsSeen(user: TgUser, seen: BotMessage, data: string): CallbackQuery;
  sendPhoto(user: TgUser, bytes: Buffer, caption?: string): Message;
  sendVoice(user: TgUser, bytes: Buffer, options: { duration: number; mime_type?: string }): Message;
  sendAudio(
    user: TgUser,
    bytes: Buffer,
    options: { duration: number; mime_type?: string; file_name?: string; title?: string; performer?: string },
  ): Message;
  sendVideoNote(user: TgUser, bytes: Buffer, options: { duration: number; length?: number }): Message;
  sendDocument(
    user: TgUser,
    bytes: Buffer,
    options: { file_name: string; mime_type: string; caption?: string },
  ): Message;
  /**
   * The user deletes a message in the app (a bot's progress message, say). The bot is not told, as in
   * Telegram: its later edits and deletes of it get 400 "message to edit/delete not found".
   */
  deleteMessage(user: TgUser, message: Message | BotMessage | number): void;
  /** The user blocks the bot: sends to their chat fail with 403 until unblockBot. */
  blockBot(user: TgUser): void;
  unblockBot(user: TgUser): void;
  injectUpdate(update: Omit<Update, "update_id">): Update;
}

export function createUserActions(core: EmulatorCore, callbacks: CallbackQueries): UserActions {
  const { chats, files, updates } = core;

  const deliver = (user: TgUser, fields: Record<string, unknown>): Message => {
    const chat = chats.ensure(user);
    const stored = chats.add(chat, fields, { fromBot: false, kind: "user" });
    const message = structuredClone(stored.message) as unknown as Message;
    updates.push({ message: message as NonNullable<Update["message"]> });
    return message;
  };

  /** The bot message a click targets and its buttons as they are now; throws a readable error otherwise. */
  const currentButtons = (user: TgUser, target: Message | BotMessage | number, caller: string) => {
    const messageId = typeof target === "number" ? target : target.message_id;
    const chat = chats.get(user.id);
    const stored: StoredMessage | undefined = chat === undefined ? undefined : chats.find(chat, messageId);
    if (chat === undefined || stored === undefined || !stored.fromBot) {
      const present = chats
        .botMessages(user.id)
        .map((m) => `#${m.message_id} ${JSON.stringify(m.content.slice(0, 40))}`);
      throw new Error(
        `${caller}: chat ${user.id} has no bot message #${messageId} (deleted, never sent, or sent by the user). Bot messages now: ${present.join("; ") || "none"}`,
      );
    }
    return { stored, buttons: toBotMessage(stored, chat.id).buttons };
  };

  const sendMedia = (
    user: TgUser,
    kind: FileKind,
    bytes: Buffer,
    source: { file_name?: string; mime_type?: string },
    meta: MediaMeta,
    caption?: string,
  ): Message => {
    if (bytes.length === 0) throw new Error(`send ${kind}: the user can't send an empty file`);
    const file = files.add(kind, { bytes, ...source });
    const captionFields = caption === undefined ? {} : captionWithEntities(caption);
    return deliver(user, { ...mediaFields(file, meta), ...captionFields });
  };

  return {
    sendText(user, text, options = {}) {
      if (text.trim() === "") throw new Error("sendText: Telegram apps can't send an empty message");
      const entities = detectEntities(text, []);
      const fields: Record<string, unknown> = entities.length === 0 ? { text } : { text, entities };
      if (options.replyTo !== undefined) {
        const chat = chats.ensure(user);
        const replied = chats.find(chat, options.replyTo);
        if (replied === undefined)
          throw new Error(`sendText: chat ${user.id} has no message #${options.replyTo} to reply to`);
        const { reply_to_message: _nested, ...repliedMessage } = replied.message;
        fields.reply_to_message = structuredClone(repliedMessage);
      }
      return deliver(user, fields);
    },

    clickButton(user, target, data) {
      const { stored, buttons } = currentButtons(user, target, "clickButton");
      if (!buttons.some((button) => button.callback_data === data)) {
        throw new Error(
          `clickButton: message #${stored.message.message_id} in chat ${user.id} has no inline button with callback_data ${JSON.stringify(data)}. Its buttons now: ${describeButtons(buttons)}`,
        );
      }
      return callbacks.create(user, structuredClone(stored.message) as unknown as Message, data);
    },

    clickButtonByText(user, target, label) {
      const { stored, buttons } = currentButtons(user, target, "clickButtonByText");
      const matches = buttons.filter((b) => (typeof label === "string" ? b.text === label : label.test(b.text)));
      const [button] = matches;
      if (matches.length !== 1 || button?.callback_data === undefined) {
        const why = matches.length === 0 ? "no" : matches.length > 1 ? `${matches.length}` : "no callback";
        throw new Error(
          `clickButtonByText: ${why} inline button(s) matching ${String(label)} on message #${stored.message.message_id} in chat ${user.id}. Its buttons now: ${describeButtons(buttons)}`,
        );
      }
      return callbacks.create(user, structuredClone(stored.message) as unknown as Message, button.callback_data);
    },

    pressForged(user, target, data) {
      const { stored } = currentButtons(user, target, "pressForged");
      return callbacks.create(user, structuredClone(stored.message) as unknown as Message, data);
    },

    pressAsSeen(user, seen, data) {
      const stored = chats.get(user.id)?.messages.get(seen.message_id);
      if (stored === undefined || !stored.fromBot || seen.chat_id !== user.id) {
        throw new Error(`pressAsSeen: the bot never sent message #${seen.message_id} to chat ${user.id}`);
      }
      return callbacks.create(user, structuredClone(seen.raw), data);
    },

    sendPhoto: (user, bytes, caption) => sendMedia(user, "photo", bytes, { file_name: "photo.jpg" }, {}, caption),
    sendVoice: (user, bytes, options) =>
      sendMedia(user, "voice", bytes, { mime_type: options.mime_type ?? "audio/ogg" }, { duration: options.duration }),
    sendAudio: (user, bytes, options) => {
      const { duration, title, performer, ...source } = options;
      const meta: MediaMeta = {
        duration,
        ...(title === undefined ? {} : { title }),
        ...(performer === undefined ? {} : { performer }),
      };
      return sendMedia(user, "audio", bytes, { mime_type: "audio/mpeg", ...source }, meta);
    },
    sendVideoNote: (user, bytes, options) =>
      sendMedia(user, "video_note", bytes, {}, { duration: options.duration, length: options.length ?? 240 }),
    sendDocument: (user, bytes, options) =>
      sendMedia(
        user,
        "document",
        bytes,
        { file_name: options.file_name, mime_type: options.mime_type },
        {},
        options.caption,
      ),

    deleteMessage(user, target) {
      const messageId = typeof target === "number" ? target : target.message_id;
      const chat = chats.get(user.id);
      const stored = chat === undefined ? undefined : chats.find(chat, messageId);
      if (stored === undefined) throw new Error(`deleteMessage: chat ${user.id} shows no message #${messageId}`);
      stored.deleted = true;
      stored.deletedByUser = true;
    },
    blockBot(user) {
      chats.ensure(user).blocked = true;
    },
    unblockBot(user) {
      chats.ensure(user).blocked = false;
    },
    injectUpdate(update) {
      const from = (update.message ?? update.callback_query ?? update.pre_checkout_query)?.from;
      if (from !== undefined && !from.is_bot) chats.ensure(from);
      return updates.push(update);
    },
  };
}

function captionWithEntities(caption: string): Record<string, unknown> {
  const entities = detectEntities(caption, []);
  return entities.length === 0 ? { caption } : { caption, caption_entities: entities };
}

function describeButtons(buttons: FlatButton[]): string {
  const described = buttons.map(
    (b) =>
      `${JSON.stringify(b.text)} → ${b.callback_data === undefined ? "(no callback_data)" : JSON.stringify(b.callback_data)}`,
  );
  return described.join("; ") || "none";
}
