import { randomBytes } from "node:crypto";
import type { LabeledPrice } from "grammy/types";
import { badRequest } from "./api-error.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { markupFields, replyFields } from "./message-helpers.js";
import { byteLength, isRecord, optInt, optJson, optString, type Params, reqString } from "./params.js";
import { parseReplyMarkup } from "./reply-markup.js";
import type { InvoiceInfo } from "./types.js";

/** An invoice message the bot sent. */
export interface InvoiceRecord extends InvoiceInfo {
  chat_id: number;
  message_id: number;
}

/** An invoice link the bot created; `url` is what createInvoiceLink returned. */
export interface InvoiceLinkRecord extends InvoiceInfo {
  url: string;
}

export interface InvoiceLog {
  invoices: InvoiceRecord[];
  invoiceLinks: InvoiceLinkRecord[];
}

/** Telegram's only allowed subscription period: 30 days. */
export const SUBSCRIPTION_PERIOD = 2_592_000;

/**
 * Validates invoice parameters under the rules for digital goods: Stars only (`XTR`), no provider
 * token, exactly one price, whole positive amounts, no tips.
 */
export function parseInvoice(params: Params, context: "message" | "link"): InvoiceInfo {
  const title = reqString(params, "title");
  const description = reqString(params, "description");
  const payload = reqString(params, "payload");
  const currency = reqString(params, "currency");
  if (title.length > 32) throw badRequest("TITLE_INVALID", `title is ${title.length} characters, limit 32`);
  if (description.length > 255) {
    throw badRequest("DESCRIPTION_INVALID", `description is ${description.length} characters, limit 255`);
  }
  if (byteLength(payload) > 128)
    throw badRequest("INVOICE_PAYLOAD_INVALID", `payload is ${byteLength(payload)} bytes, limit 128`);
  const providerToken = optString(params, "provider_token") ?? "";
  if (currency !== "XTR") {
    throw badRequest(
      providerToken === "" ? "PAYMENT_PROVIDER_INVALID" : "CURRENCY_INVALID",
      `currency ${JSON.stringify(currency)}: digital goods are sold only for Telegram Stars, currency "XTR"`,
    );
  }
  if (providerToken !== "")
    throw badRequest("STARS_INVOICE_INVALID", "provider_token must be empty or omitted for XTR");
  const prices = parsePrices(params);
  if (prices.length !== 1)
    throw badRequest("STARS_INVOICE_INVALID", `XTR invoices take exactly one price, got ${prices.length}`);
  const [price] = prices as [LabeledPrice];
  if (!Number.isInteger(price.amount) || price.amount <= 0) {
    throw badRequest("CURRENCY_TOTAL_AMOUNT_INVALID", `amount ${price.amount}: whole positive number of Stars`);
  }
  const maxTip = optInt(params, "max_tip_amount") ?? 0;
  const suggested = optJson(params, "suggested_tip_amounts", "can't parse suggested_tip_amounts JSON object");
  if (maxTip !== 0 || (Array.isArray(suggested) && suggested.length > 0)) {
    throw badRequest("STARS_INVOICE_INVALID", "tips are not supported for XTR");
  }
  const info: InvoiceInfo = {
    title,
    description,
    payload,
    currency,
    prices,
    total_amount: price.amount,
    start_parameter: optString(params, "start_parameter") ?? "",
  };
  const period = optInt(params, "subscription_period");
  if (period !== undefined && context === "message") {
    throw badRequest("subscription_period is not supported by sendInvoice", "subscriptions need createInvoiceLink");
  }
  if (period !== undefined) {
    if (period !== SUBSCRIPTION_PERIOD) {
      throw badRequest(
        "SUBSCRIPTION_PERIOD_INVALID",
        `subscription_period ${period}, must be ${SUBSCRIPTION_PERIOD} (30 days)`,
      );
    }
    info.subscription_period = period;
  }
  return info;
}

function parsePrices(params: Params): LabeledPrice[] {
  const value = optJson(params, "prices", "can't parse prices JSON object");
  if (value === undefined) throw badRequest('parameter "prices" is required');
  if (!Array.isArray(value)) throw badRequest("expected an Array of labeled prices");
  if (value.length === 0) throw badRequest("there must be at least one price");
  return value.map((item): LabeledPrice => {
    if (!isRecord(item)) throw badRequest("can't parse labeled price: LabeledPrice must be an Object");
    if (typeof item.label !== "string" || item.label === "") {
      throw badRequest("can't parse labeled price: LabeledPrice label must be non-empty");
    }
    const amount = typeof item.amount === "string" && /^-?\d+$/.test(item.amount) ? Number(item.amount) : item.amount;
    if (typeof amount !== "number" || !Number.isFinite(amount)) {
      throw badRequest('can\'t parse labeled price: Field "amount" must be a valid Number');
    }
    return { label: item.label, amount };
  });
}

export function createInvoiceMethods(core: EmulatorCore, log: InvoiceLog): MethodTable {
  const { chats } = core;
  return {
    sendInvoice({ params }) {
      const chat = chats.resolve(params);
      const info = parseInvoice(params, "message");
      const markup = parseReplyMarkup(params, "invoice");
      const reply = replyFields(chats, chat, params);
      const invoice = {
        title: info.title,
        description: info.description,
        start_parameter: info.start_parameter,
        currency: info.currency,
        total_amount: info.total_amount,
      };
      const fields = { ...reply, invoice, ...markupFields(chat, markup) };
      const stored = chats.add(chat, fields, { fromBot: true, kind: "invoice", invoice: info });
      log.invoices.push({ ...info, chat_id: chat.id, message_id: stored.message.message_id as number });
      return structuredClone(stored.message);
    },

    createInvoiceLink({ params }) {
      const info = parseInvoice(params, "link");
      const url = `https://t.me/$${randomBytes(12).toString("base64url")}`;
      log.invoiceLinks.push({ ...info, url });
      return url;
    },
  };
}
