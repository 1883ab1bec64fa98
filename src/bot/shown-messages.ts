import { createHash } from "node:crypto";
import type { Context, Middleware, Transformer } from "grammy";

/** What one of the bot's messages shows now, as this process last left it. */
interface Shown {
  /** A digest of the text or caption as the bot sent it; absent when unknown (a rich message, new media). */
  content?: string;
  /** A digest of the inline keyboard (none is a keyboard too). */
  markup: string;
  /** Telegram's time of the last change, in seconds (`edit_date`, else `date`). */
  at: number;
  deleted: boolean;
}

/** Enough for every message a busy chat could still press; the oldest are forgotten first. */
const REMEMBERED = 20_000;

const MESSAGE_GONE = "Bad Request: message to edit not found";
const DELETE_GONE = "Bad Request: message to delete not found";
const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Calls whose message shows the payload's `text`, or its `caption` (present or not). */
const TEXT_CALLS = new Set(["sendMessage", "editMessageText"]);
const CAPTION_CALLS = new Set([
  "sendPhoto",
  "sendVideo",
  "sendAudio",
  "sendDocument",
  "sendAnimation",
  "sendVoice",
  "editMessageCaption",
]);
const EDITS = new Set(["editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia"]);

type Payload = Record<string, unknown>;

/**
 * The bot's own messages as it last changed them, learned from Telegram's answers. A press can reach the
 * bot after the bot changed or deleted its message (a second tap, a quote replaced by the result), and
 * then carries the message as it was. Telegram refuses an edit of a deleted message and one that changes
 * nothing; the bot knows both in advance, so it answers such calls itself with Telegram's own errors
 * instead of making them. Another process may have changed a message since: a press showing a newer
 * message than the one remembered drops the memory (see `middleware`).
 */
export function createShownMessages() {
  const shown = new Map<string, Shown>();

  const remember = (key: string, entry: Shown) => {
    shown.delete(key);
    shown.set(key, entry);
    if (shown.size > REMEMBERED) shown.delete(shown.keys().next().value ?? "");
  };

  const learn = (method: string, payload: Payload, result: unknown) => {
    if (method === "deleteMessage") {
      const key = keyOf(payload.chat_id, payload.message_id);
      if (key !== undefined) remember(key, { markup: "", at: 0, deleted: true });
      return;
    }
    if (method === "deleteMessages" && Array.isArray(payload.message_ids)) {
      for (const id of payload.message_ids) {
        const key = keyOf(payload.chat_id, id);
        if (key !== undefined) remember(key, { markup: "", at: 0, deleted: true });
      }
      return;
    }
    if (!isMessage(result)) return;
    const key = keyOf(result.chat.id, result.message_id);
    if (key === undefined) return;
    const before = shown.get(key);
    const at = result.edit_date ?? result.date;
    const markup = markupDigest(payload);
    if (method === "editMessageReplyMarkup") {
      remember(key, {
        ...(before?.content === undefined ? {} : { content: before.content }),
        markup,
        at,
        deleted: false,
      });
      return;
    }
    // Anything else (a rich message, editMessageMedia's new caption) shows what is not known here.
    const content = contentDigest(method, payload);
    remember(key, { ...(content === undefined ? {} : { content }), markup, at, deleted: false });
  };

  /** Telegram's answer, known before asking, to a call it would refuse; undefined when it must be asked. */
  const refusal = (method: string, payload: Payload): string | undefined => {
    const key = keyOf(payload.chat_id, payload.message_id);
    const entry = key === undefined ? undefined : shown.get(key);
    if (entry === undefined) return undefined;
    if (method === "deleteMessage") return entry.deleted ? DELETE_GONE : undefined;
    if (!EDITS.has(method)) return undefined;
    if (entry.deleted) return MESSAGE_GONE;
    if (entry.markup !== markupDigest(payload)) return undefined;
    if (method === "editMessageReplyMarkup") return NOT_MODIFIED;
    const content = contentDigest(method, payload);
    return content !== undefined && entry.content === content ? NOT_MODIFIED : undefined;
  };

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const fields = payload as Payload;
    const refused = refusal(method, fields);
    if (refused !== undefined) return { ok: false, error_code: 400, description: refused };
    const result = await prev(method, payload, signal);
    if (result.ok) learn(method, fields, result.result);
    else if (/message to (edit|delete) not found/.test(result.description)) learn("deleteMessage", fields, true);
    return result;
  };

  /** A press that shows its message newer than remembered: another process changed it, so forget ours. */
  const middleware: Middleware<Context> = (ctx, next) => {
    const message = ctx.callbackQuery?.message;
    const key = message === undefined ? undefined : keyOf(message.chat.id, message.message_id);
    const entry = key === undefined ? undefined : shown.get(key);
    if (key !== undefined && entry !== undefined && !entry.deleted && message !== undefined && message.date !== 0) {
      const at = ("edit_date" in message ? message.edit_date : undefined) ?? message.date;
      if (at > entry.at) shown.delete(key);
    }
    return next();
  };

  return { transformer, middleware };
}

export type ShownMessages = ReturnType<typeof createShownMessages>;

function keyOf(chatId: unknown, messageId: unknown): string | undefined {
  if ((typeof chatId !== "number" && typeof chatId !== "string") || typeof messageId !== "number") return undefined;
  return `${chatId}:${messageId}`;
}

function isMessage(
  value: unknown,
): value is { chat: { id: number }; message_id: number; date: number; edit_date?: number } {
  return typeof value === "object" && value !== null && "message_id" in value && "chat" in value;
}

/** The text or caption a call gives its message, as sent (parse mode and entities included). */
function contentDigest(method: string, payload: Payload): string | undefined {
  if (TEXT_CALLS.has(method)) return digest(["text", payload.text, payload.parse_mode, payload.entities]);
  if (CAPTION_CALLS.has(method))
    return digest(["caption", payload.caption, payload.parse_mode, payload.caption_entities]);
  return undefined;
}

/** Only an inline keyboard is part of a message; a reply keyboard or none leaves it without one. */
function markupDigest(payload: Payload): string {
  const markup = payload.reply_markup as { inline_keyboard?: unknown } | undefined;
  return digest(markup?.inline_keyboard ?? []);
}

function digest(value: unknown): string {
  return createHash("sha1").update(canonical(value)).digest("base64");
}

/** JSON with object keys sorted, so the same keyboard built twice digests the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
