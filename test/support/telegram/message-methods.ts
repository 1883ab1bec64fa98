import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.js";
import type { ChatState, StoredMessage } from "./chat-store.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { captionText, messageText } from "./formatted-text.js";
import { markupFields, passThroughFields, replyFields, sameContent, textFields } from "./message-helpers.js";
import { optBool, optJson, optString, type Params, reqInt } from "./params.js";
import { parseReplyMarkup } from "./reply-markup.js";

export interface ChatActionRecord {
  chat_id: number;
  action: string;
  at: number;
}

export interface DraftRecord {
  chat_id: number;
  draft_id: number;
  text: string;
  entities: MessageEntity[];
  at: number;
  /** Whether the draft showed the Stop button, and keeps itself when it is pressed. */
  can_stop: boolean;
  keep_on_stop: boolean;
  /** Sent with sendRichMessageDraft (its shown text in `text`, its Markdown in `markdown`). */
  rich?: true;
  markdown?: string;
}

/** Everything message methods record besides the messages themselves. */
export interface MessageLog {
  chatActions: ChatActionRecord[];
  drafts: DraftRecord[];
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export function createMessageMethods(core: EmulatorCore, log: MessageLog): MethodTable {
  const { chats } = core;

  /** The bot message an edit targets, with Telegram's errors for everything else. */
  const editable = (params: Params): { chat: ChatState; stored: StoredMessage } => {
    if (optString(params, "inline_message_id") !== undefined && optString(params, "chat_id") === undefined) {
      throw badRequest("MESSAGE_ID_INVALID", "inline messages are not emulated");
    }
    const chat = chats.resolve(params);
    const messageId = reqInt(params, "message_id", "message identifier is not specified");
    const stored = chats.find(chat, messageId);
    if (stored === undefined) throw chats.notFound(chat, messageId, "edit");
    if (!stored.fromBot) throw badRequest("message can't be edited", `message ${messageId} was sent by the user`);
    return { chat, stored };
  };

  /** Replaces the given fields (undefined removes one); refuses a change that changes nothing. */
  const applyEdit = (stored: StoredMessage, fields: Record<string, unknown>): Record<string, unknown> => {
    const unchanged = Object.entries(fields).every(([key, value]) => sameContent(stored.message[key], value));
    if (unchanged) throw badRequest(NOT_MODIFIED);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) delete stored.message[key];
      else stored.message[key] = value;
    }
    stored.message.edit_date = core.now();
    stored.edits += 1;
    return structuredClone(stored.message);
  };

  return {
    sendMessage(request) {
      const { params } = request;
      const chat = chats.resolve(params);
      const parsed = messageText(params);
      const markup = parseReplyMarkup(params, "message");
      const reply = replyFields(chats, chat, params);
      const fields = { ...reply, ...textFields(parsed), ...passThroughFields(params), ...markupFields(chat, markup) };
      return structuredClone(chats.add(chat, fields, { fromBot: true, kind: "text" }).message);
    },

    editMessageText({ params }) {
      const { stored } = editable(params);
      if (stored.kind === "invoice") throw badRequest("message can't be edited", "invoices can't be edited");
      if (stored.kind !== "text") {
        throw badRequest(
          "there is no text in the message to edit",
          `message is a ${stored.kind}: use editMessageCaption`,
        );
      }
      const parsed = messageText(params);
      const markup = parseReplyMarkup(params, "edit");
      return applyEdit(stored, {
        text: parsed.text,
        entities: parsed.entities.length === 0 ? undefined : parsed.entities,
        reply_markup: markup?.inline,
      });
    },

    editMessageCaption({ params }) {
      const { stored } = editable(params);
      if (stored.kind === "invoice") throw badRequest("message can't be edited", "invoices can't be edited");
      if (stored.kind === "text") {
        throw badRequest("there is no caption in the message to edit", "text messages are edited with editMessageText");
      }
      const parsed = captionText(params);
      const markup = parseReplyMarkup(params, "edit");
      return applyEdit(stored, {
        caption: parsed?.text,
        caption_entities: parsed === undefined || parsed.entities.length === 0 ? undefined : parsed.entities,
        reply_markup: markup?.inline,
      });
    },

    editMessageReplyMarkup({ params }) {
      const { stored } = editable(params);
      const markup = parseReplyMarkup(params, stored.kind === "invoice" ? "invoice" : "edit");
      return applyEdit(stored, { reply_markup: markup?.inline });
    },

    deleteMessage({ params }) {
      const chat = chats.resolve(params);
      const messageId = reqInt(params, "message_id", "message identifier is not specified");
      const stored = chats.find(chat, messageId);
      if (stored === undefined) throw chats.notFound(chat, messageId, "delete");
      stored.deleted = true;
      return true;
    },

    deleteMessages({ params }) {
      const chat = chats.resolve(params);
      const ids = optJson(params, "message_ids", "can't parse message identifiers JSON object");
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every(Number.isInteger)) {
        throw badRequest("message identifiers are not specified", "message_ids must hold 1-100 integers");
      }
      for (const id of ids as number[]) {
        const stored = chats.find(chat, id);
        if (stored !== undefined) stored.deleted = true;
      }
      return true;
    },

    sendChatAction({ params }) {
      const chat = chats.resolve(params);
      const action = (optString(params, "action") ?? "").toLowerCase();
      if (!CHAT_ACTIONS.has(action)) {
        throw badRequest(
          "wrong parameter action in request",
          `action ${JSON.stringify(action)} is not one of ${[...CHAT_ACTIONS].join(", ")}`,
        );
      }
      log.chatActions.push({ chat_id: chat.id, action, at: Date.now() });
      return true;
    },

    sendMessageDraft({ params }) {
      const chat = chats.resolve(params);
      const draftId = reqInt(params, "draft_id", 'parameter "draft_id" is required');
      if (draftId === 0) throw badRequest("DRAFT_ID_INVALID", "draft_id must be non-zero");
      const parsed = messageText(params, { allowEmpty: true });
      log.drafts.push({
        chat_id: chat.id,
        draft_id: draftId,
        text: parsed.text,
        entities: parsed.entities,
        at: Date.now(),
        can_stop: optBool(params, "can_stop") ?? false,
        keep_on_stop: optBool(params, "keep_on_stop") ?? false,
      });
      return true;
    },
  };
}
