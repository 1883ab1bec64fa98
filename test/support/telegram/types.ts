import type { InlineKeyboardMarkup, LabeledPrice, Message, MessageEntity } from "grammy/types";

/** A person on the user side of the emulator; their private chat with the bot has `id === user.id`. */
export interface TgUser {
  id: number;
  first_name: string;
  last_name?: string;
  language_code?: string;
  username?: string;
  is_premium?: true;
}

export type BotMessageKind =
  | "text"
  | "photo"
  | "video"
  | "audio"
  | "voice"
  | "document"
  | "animation"
  | "video_note"
  | "invoice"
  | "rich";

/** The file a media message carries: uploaded bytes, a URL the bot passed (never fetched), or both unknown. */
export interface MediaRef {
  file_id: string;
  file_unique_id: string;
  bytes?: Buffer;
  url?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/** An invoice as the bot sent it, including what Telegram keeps hidden from the user (payload, prices). */
export interface InvoiceInfo {
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: LabeledPrice[];
  total_amount: number;
  start_parameter: string;
  subscription_period?: number;
}

/** One inline button flattened out of `reply_markup`, with its row and column; exactly one action is set. */
export interface FlatButton {
  text: string;
  row: number;
  column: number;
  callback_data?: string;
  url?: string;
  pay?: boolean;
  web_app?: { url: string };
  copy_text?: { text: string };
  switch_inline_query?: string;
  switch_inline_query_current_chat?: string;
}

/** A bot message as the user sees it right now (edits applied). */
export interface BotMessage {
  message_id: number;
  chat_id: number;
  date: number;
  edit_date?: number;
  kind: BotMessageKind;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  /** A rich message's Markdown exactly as the bot sent it (`sendRichMessage` with `rich_message.markdown`). */
  markdown?: string;
  /** `text` for text messages, `caption` (or "") for media, the title for invoices, the shown text of a rich message. */
  content: string;
  reply_markup?: InlineKeyboardMarkup;
  buttons: FlatButton[];
  media?: MediaRef;
  invoice?: InvoiceInfo;
  reply_to_message_id?: number;
  /** How many successful edits the message went through. */
  edits: number;
  /** The Telegram-shaped object, exactly as the bot API returned it after the last change. */
  raw: Message;
}

/** One Bot API request the bot made, recorded when it completed. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** `Date.now()` when the request arrived. */
  at: number;
  ok: boolean;
  /** What the bot got back when ok. */
  result?: unknown;
  error?: string;
  error_code?: number;
}

/** A failure to return from the next call of a method (fault injection, never a violation). */
export interface InjectedFault {
  error_code: number;
  description: string;
  retry_after?: number;
  /** Only a call to this chat takes the fault (default: the next call of the method, any chat). */
  chat_id?: number;
}

/** Telegram-like flood control; off unless given. */
export interface FloodLimitOptions {
  /** More message sends/edits/drafts than this to one chat within one second → 429. */
  perChatPerSecond?: number;
  /** More message sends/edits/drafts than this across all chats within one second → 429. */
  perSecond?: number;
  /** `retry_after` to answer with (seconds, default 1); the chat stays limited that long. */
  retryAfterSeconds?: number;
}

export interface EmulatorOptions {
  /** Default `"123456789:TEST_emulator-token"`; the bot id is the part before the colon. */
  token?: string;
  botUsername?: string;
  botFirstName?: string;
  /** How long a pre_checkout_query may stay unanswered (Telegram: 10 s). */
  preCheckoutDeadlineMs?: number;
  /** How long a callback_query may stay unanswered before it counts as a violation (default 15 s). */
  callbackQueryDeadlineMs?: number;
  floodLimit?: FloodLimitOptions;
  /**
   * Deliver updates to the webhook the bot sets, POSTing them here: the plain-HTTP address of the
   * proxy that terminates TLS for the registered HTTPS URL. Unset: a webhook is recorded, never called.
   */
  webhookTarget?: string;
  /** Rich messages (sendRichMessage, sendRichMessageDraft); false emulates an older server that answers 404. Default true. */
  richMethods?: boolean;
}
