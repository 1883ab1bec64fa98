import type { CallbackQuery, InlineKeyboardMarkup, Update } from "grammy/types";
import { badRequest } from "./api-error.js";
import { detectEntities } from "./auto-entities.js";
import type { CallbackQueries } from "./callback-queries.js";
import { userObject } from "./chat-store.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { messageText } from "./formatted-text.js";
import { sameContent } from "./message-helpers.js";
import { isRecord, optJson, optString, type Params } from "./params.js";
import { flattenButtons, parseReplyMarkup } from "./reply-markup.js";
import type { FlatButton, TgUser } from "./types.js";

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

/**
 * Guest mode (Bot API 10.0): a user summons the bot in a chat it is not a member of; the bot gets a
 * `guest_message` and must answer it once with `answerGuestQuery` and a valid InlineQueryResult
 * (articles are emulated). The answer is an inline message the bot may edit and the caller may press.
 */
export function createGuestQueries(core: EmulatorCore, callbacks: CallbackQueries) {
  const queries = new Map<string, GuestQueryRecord>();
  let nextGuest = 1;

  const editInline = (inlineId: string, params: Params, method: string) => {
    const record = [...queries.values()].find((q) => q.inline_message_id === inlineId);
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

  const methods: MethodTable = {
    answerGuestQuery({ params }) {
      const id = optString(params, "guest_query_id") ?? "";
      const record = queries.get(id);
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

  return {
    methods,
    queries,
    /** An edit of the inline message a guest answer became. */
    editInline,

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
      queries.set(id, record);
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
