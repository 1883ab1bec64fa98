import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { badRequest } from "./api-error.js";
import { byteLength, isRecord, optJson, type Params } from "./params.js";
import type { FlatButton } from "./types.js";

/** What a `reply_markup` parameter asks for; reply keyboards live on the chat, not the message. */
export interface ParsedMarkup {
  inline?: InlineKeyboardMarkup;
  keyboard?: Record<string, unknown>;
  removeKeyboard?: boolean;
  forceReply?: boolean;
}

const ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;
/** Telegram refuses markups over about 100 buttons with REPLY_MARKUP_TOO_LONG. */
const MAX_BUTTONS = 100;
const INLINE = "can't parse inline keyboard button";

/**
 * Validates `reply_markup`. `context` decides where pay buttons are legal: only invoices, and there
 * the first button must be one. Edits accept inline keyboards only.
 */
export function parseReplyMarkup(params: Params, context: "message" | "edit" | "invoice"): ParsedMarkup | undefined {
  const value = optJson(params, "reply_markup", "can't parse reply keyboard markup JSON object");
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw badRequest("object expected as reply markup");
  if (value.inline_keyboard !== undefined) {
    const inline = parseInline(value.inline_keyboard, context);
    return inline === undefined ? {} : { inline };
  }
  if (context !== "message") {
    throw badRequest(
      "inline keyboard expected",
      `${context === "edit" ? "edits" : "invoices"} take only an InlineKeyboardMarkup`,
    );
  }
  if (value.keyboard !== undefined) {
    const rows = value.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray))
      throw badRequest('field "keyboard" must be an Array of Arrays');
    for (const button of rows.flat()) {
      const ok =
        typeof button === "string" || (isRecord(button) && typeof button.text === "string" && button.text !== "");
      if (!ok) throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object with text");
    }
    return rows.length === 0 ? {} : { keyboard: value };
  }
  if (value.remove_keyboard === true) return { removeKeyboard: true };
  if (value.force_reply === true) return { forceReply: true };
  throw badRequest(
    "object expected as reply markup",
    `unrecognised reply markup ${JSON.stringify(value).slice(0, 120)}`,
  );
}

function parseInline(rows: unknown, context: "message" | "edit" | "invoice"): InlineKeyboardMarkup | undefined {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  const buttons = (rows as unknown[][]).flat();
  if (buttons.length > MAX_BUTTONS) throw badRequest("reply markup is too long", `${buttons.length} buttons`);
  for (const [index, button] of buttons.entries()) checkButton(button, context, index);
  if (buttons.length === 0) return undefined; // `{ inline_keyboard: [] }` removes the keyboard
  if (context === "invoice" && !(isRecord(buttons[0]) && buttons[0].pay === true)) {
    throw badRequest("REPLY_MARKUP_BUY_EMPTY", "the first button of an invoice's keyboard must be a pay button");
  }
  return { inline_keyboard: rows as InlineKeyboardButton[][] };
}

function checkButton(button: unknown, context: "message" | "edit" | "invoice", index: number): void {
  if (!isRecord(button)) throw badRequest(`${INLINE}: InlineKeyboardButton must be an Object`);
  const where = `button #${index + 1} ${JSON.stringify(button).slice(0, 120)}`;
  if (typeof button.text !== "string") throw badRequest(`${INLINE}: Can't find field "text"`, where);
  if (button.text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID", `${where}: empty text`);
  const actions = ACTIONS.filter((key) => button[key] !== undefined && button[key] !== null);
  if (actions.length === 0) throw badRequest(`${INLINE}: Text buttons are unallowed in the inline keyboard`, where);
  if (actions.length > 1) {
    throw badRequest(
      `${INLINE}: exactly one of ${actions.join(", ")} must be used`,
      `${where}: Telegram would silently use only one`,
    );
  }
  const data = button.callback_data;
  if (data !== undefined) {
    if (typeof data !== "string" || data === "" || byteLength(data) > 64) {
      const size = typeof data === "string" ? byteLength(data) : 0;
      throw badRequest("BUTTON_DATA_INVALID", `${where}: callback_data must be 1-64 bytes of UTF-8, got ${size}`);
    }
  }
  if (button.url !== undefined && !validButtonUrl(button.url)) throw badRequest("BUTTON_URL_INVALID", where);
  if (button.pay !== undefined && context !== "invoice") {
    throw badRequest("BUTTON_TYPE_INVALID", `${where}: pay buttons are only allowed on invoices`);
  }
  if (button.pay !== undefined && index !== 0) {
    throw badRequest("BUTTON_TYPE_INVALID", `${where}: the pay button must be the first button`);
  }
}

function validButtonUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "tg:") return true;
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname.includes(".");
  } catch {
    return false;
  }
}

/** Every inline button with its position, for assertions and clickButton. */
export function flattenButtons(markup: InlineKeyboardMarkup | undefined): FlatButton[] {
  return (markup?.inline_keyboard ?? []).flatMap((row, rowIndex) =>
    row.map((button, column) => ({ ...button, row: rowIndex, column }) as FlatButton),
  );
}
