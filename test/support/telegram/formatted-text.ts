import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.js";
import { detectEntities } from "./auto-entities.js";
import { EntityParseError, type ParsedText, sortEntities, trimParsed } from "./entity-helpers.js";
import { parseHtml } from "./html-entities.js";
import { parseMarkdownV2 } from "./markdown-entities.js";
import { parseMarkdownLegacy } from "./markdown-legacy.js";
import { isRecord, optJson, optString, type Params } from "./params.js";

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
/** The Bot API refuses raw texts over 32 KiB before even parsing them. */
const MAX_RAW_BYTES = 1 << 15;

const SETTABLE = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
  "date_time",
]);
/** Types a client may send but Telegram recomputes itself. */
const DETECTED = new Set(["mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number"]);

/**
 * Turns a raw text plus `parse_mode` or an explicit entity list into what Telegram stores: plain
 * text, entities in UTF-16 units, whitespace trimmed, server-detected entities added.
 * `parse_mode` wins over `entities` when both are given, as in the Bot API.
 */
export function formatText(raw: string, parseMode: string | undefined, entitiesValue: unknown): ParsedText {
  if (Buffer.byteLength(raw, "utf8") > MAX_RAW_BYTES) throw badRequest("text is too long");
  const mode = (parseMode ?? "").toLowerCase();
  let parsed: ParsedText;
  try {
    if (mode === "" || mode === "none") parsed = { text: raw, entities: explicitEntities(raw, entitiesValue) };
    else if (mode === "html") parsed = parseHtml(raw);
    else if (mode === "markdownv2") parsed = parseMarkdownV2(raw);
    else if (mode === "markdown") parsed = parseMarkdownLegacy(raw);
    else throw badRequest("unsupported parse_mode", `parse_mode ${JSON.stringify(parseMode)}`);
  } catch (error) {
    if (error instanceof EntityParseError) {
      throw badRequest(`can't parse entities: ${error.message}`, `${mode} text: ${JSON.stringify(raw.slice(0, 200))}`);
    }
    throw error;
  }
  const trimmed = trimParsed(parsed);
  const detected = detectEntities(trimmed.text, trimmed.entities);
  const all = [...trimmed.entities, ...detected].map((entity, order) => ({ entity, order }));
  return { text: trimmed.text, entities: sortEntities(all) };
}

/** `text` + `parse_mode` + `entities` of sendMessage/editMessageText/sendMessageDraft. */
export function messageText(params: Params, options: { allowEmpty?: boolean } = {}): ParsedText {
  const raw = optString(params, "text") ?? "";
  if (raw === "" && options.allowEmpty === true) return { text: "", entities: [] };
  if (raw === "") throw badRequest("message text is empty");
  const parsed = formatText(
    raw,
    optString(params, "parse_mode"),
    optJson(params, "entities", "can't parse entities JSON object"),
  );
  if (parsed.text === "" && options.allowEmpty !== true) {
    throw badRequest("message text is empty", "the text is empty after entity parsing and trimming");
  }
  if (parsed.text.length > MAX_TEXT_LENGTH) {
    throw badRequest(
      "message is too long",
      `${parsed.text.length} characters after entity parsing, limit ${MAX_TEXT_LENGTH}`,
    );
  }
  return parsed;
}

/** `caption` + `parse_mode` + `caption_entities` of media messages; undefined when there is no caption. */
export function captionText(params: Params): ParsedText | undefined {
  const raw = optString(params, "caption") ?? "";
  if (raw === "") return undefined;
  const parsed = formatText(
    raw,
    optString(params, "parse_mode"),
    optJson(params, "caption_entities", "can't parse entities JSON object"),
  );
  if (parsed.text.length > MAX_CAPTION_LENGTH) {
    throw badRequest(
      "message caption is too long",
      `${parsed.text.length} characters after entity parsing, limit ${MAX_CAPTION_LENGTH}`,
    );
  }
  return parsed.text === "" ? undefined : parsed;
}

function explicitEntities(text: string, value: unknown): MessageEntity[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object", "entities must be an Array");
  const result: MessageEntity[] = [];
  for (const item of value) {
    if (!isRecord(item)) throw badRequest("can't parse MessageEntity: expected an Object");
    const { type, offset, length } = item;
    if (!Number.isInteger(offset) || !Number.isInteger(length)) {
      throw badRequest('can\'t parse MessageEntity: Field "offset" and "length" must be of type Number');
    }
    if (typeof type !== "string") throw badRequest('can\'t parse MessageEntity: Field "type" must be of type String');
    if (DETECTED.has(type)) continue;
    if (!SETTABLE.has(type))
      throw badRequest(`can't parse MessageEntity: Unsupported type specified`, `type "${type}"`);
    const [from, size] = [offset as number, length as number];
    if (from < 0 || size <= 0 || from + size > text.length) {
      throw badRequest(
        "can't parse entities: entity is out of the text bounds",
        `${type} at offset ${from} length ${size}, text length ${text.length} UTF-16 units (offsets are UTF-16, not bytes or code points)`,
      );
    }
    if (type === "text_link" && typeof item.url !== "string")
      throw badRequest('can\'t parse MessageEntity: Field "url" must be of type String');
    if (type === "text_mention" && !(isRecord(item.user) && Number.isInteger(item.user.id))) {
      throw badRequest('can\'t parse MessageEntity: Field "user" must be of type Object');
    }
    if (type === "custom_emoji" && typeof item.custom_emoji_id !== "string") {
      throw badRequest('can\'t parse MessageEntity: Field "custom_emoji_id" must be of type String');
    }
    result.push(item as unknown as MessageEntity);
  }
  return result;
}
