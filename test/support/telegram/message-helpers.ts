import { badRequest } from "./api-error.js";
import type { ChatState, ChatStore } from "./chat-store.js";
import type { ParsedText } from "./entity-helpers.js";
import { isRecord, optBool, optInt, optJson, type Params } from "./params.js";
import type { ParsedMarkup } from "./reply-markup.js";

/** `reply_parameters` (or the legacy `reply_to_message_id`) → the `reply_to_message` field. */
export function replyFields(chats: ChatStore, chat: ChatState, params: Params): Record<string, unknown> {
  const parameters = optJson(params, "reply_parameters", "can't parse reply parameters JSON object");
  let messageId: number | undefined;
  let allowMissing = optBool(params, "allow_sending_without_reply") ?? false;
  if (parameters !== undefined) {
    if (!isRecord(parameters) || !Number.isInteger(parameters.message_id)) {
      throw badRequest("can't parse reply parameters JSON object", "reply_parameters.message_id must be an integer");
    }
    if (parameters.chat_id !== undefined && String(parameters.chat_id) !== String(chat.id)) {
      throw badRequest("message to be replied not found", "replies to other chats are not emulated");
    }
    messageId = parameters.message_id as number;
    allowMissing = parameters.allow_sending_without_reply === true;
  } else {
    messageId = optInt(params, "reply_to_message_id");
  }
  if (messageId === undefined) return {};
  const replied = chats.find(chat, messageId);
  if (replied === undefined) {
    if (allowMissing) return {};
    throw badRequest("message to be replied not found", `message ${messageId} does not exist in chat ${chat.id}`);
  }
  const { reply_to_message: _nested, ...repliedMessage } = replied.message;
  return { reply_to_message: structuredClone(repliedMessage) };
}

/** Inline keyboards go on the message; reply keyboards change what the user's chat shows. */
export function markupFields(chat: ChatState, markup: ParsedMarkup | undefined): Record<string, unknown> {
  if (markup === undefined) return {};
  if (markup.keyboard !== undefined) chat.replyKeyboard = markup.keyboard;
  if (markup.removeKeyboard === true) delete chat.replyKeyboard;
  return markup.inline === undefined ? {} : { reply_markup: markup.inline };
}

export function textFields(parsed: ParsedText): Record<string, unknown> {
  return parsed.entities.length === 0 ? { text: parsed.text } : { text: parsed.text, entities: parsed.entities };
}

export function captionFields(parsed: ParsedText | undefined): Record<string, unknown> {
  if (parsed === undefined) return {};
  return parsed.entities.length === 0
    ? { caption: parsed.text }
    : { caption: parsed.text, caption_entities: parsed.entities };
}

/** Deep equality that ignores key order, for Telegram's "message is not modified" check. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Options every send method passes through onto the message. */
export function passThroughFields(params: Params): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (optBool(params, "protect_content") === true) fields.has_protected_content = true;
  const preview = optJson(params, "link_preview_options", "can't parse link preview options JSON object");
  if (isRecord(preview)) fields.link_preview_options = preview;
  return fields;
}
