import type { Message } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.js";
import { type ChatState, userObject } from "./chat-store.js";
import type { EmulatorCore } from "./core.js";
import { messageText } from "./formatted-text.js";
import { isRecord, optJson, type Params } from "./params.js";
import { flattenButtons, parseReplyMarkup } from "./reply-markup.js";
import type { FlatButton, TgUser } from "./types.js";

/** An ephemeral message (Bot API 10.2): shown to `receiver_user_id` only, never stored in the chat. */
export interface EphemeralRecord {
  chat_id: number;
  receiver_user_id: number;
  ephemeral_message_id: number;
  text: string;
  buttons: FlatButton[];
  message: Message;
}

/** Sends with `ephemeral_message_parameters`: recorded for their receiver, a member of the group. */
export function createEphemeralMessages(core: EmulatorCore) {
  const records: EphemeralRecord[] = [];
  let nextEphemeral = 1;
  const api = {
    records,
    /** false: the server refuses ephemeral messages (400, not a violation; the bot must cope). */
    supported: true,
    send(chat: ChatState, members: TgUser[], params: Params, method: string): Message {
      if (method !== "sendMessage") throw badRequest("ephemeral messages are not emulated for this method");
      const parameters = optJson(params, "ephemeral_message_parameters", "can't parse ephemeral message parameters");
      const receiver = isRecord(parameters) ? parameters.receiver_user_id : undefined;
      const member = members.find((m) => m.id === receiver);
      if (member === undefined)
        throw badRequest("USER_NOT_PARTICIPANT", `receiver ${String(receiver)} is not a member`);
      if (!api.supported)
        throw new TelegramApiError(400, "Bad Request: EPHEMERAL_MESSAGES_UNSUPPORTED", { violation: false });
      const parsed = messageText(params);
      const markup = parseReplyMarkup(params, "message");
      const message = {
        message_id: 0,
        ephemeral_message_id: nextEphemeral++,
        receiver_user: userObject(member),
        from: {
          id: core.botUser.id,
          is_bot: true,
          first_name: core.botUser.first_name,
          username: core.botUser.username,
        },
        date: core.now(),
        chat: { ...chat.chat },
        text: parsed.text,
        ...(markup?.inline === undefined ? {} : { reply_markup: markup.inline }),
      } as unknown as Message;
      records.push({
        chat_id: chat.id,
        receiver_user_id: member.id,
        ephemeral_message_id: message.ephemeral_message_id ?? 0,
        text: parsed.text,
        buttons: flattenButtons(markup?.inline),
        message,
      });
      return message;
    },
  };
  return api;
}
