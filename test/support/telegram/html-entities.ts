import type { MessageEntity } from "grammy/types";
import { EntityParseError, linkEntity, type ParsedText, sortEntities } from "./entity-helpers.js";

/**
 * Telegram's HTML parse mode: the tag subset of the Bot API docs, error texts and byte offsets as
 * TDLib reports them. Stricter than Telegram in one documented way: a `&` that does not start
 * `&lt; &gt; &amp; &quot; &#NN; &#xNN;` is rejected (Telegram keeps it literally, which silently
 * garbles text such as "&nbsp;" or user input that was never escaped).
 */
const TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
  "tg-time",
]);
const NAMED = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
]);
const TIME_FORMAT = /^(r|w?[dD]?[tT]?)$/;

interface OpenTag {
  name: string;
  start: number;
  order: number;
  attributes: Map<string, string>;
  /** Entities inside code/pre are dropped, as Telegram does. */
  suppressed: boolean;
  /** `<code>` opening a `<pre>`: it only lends its `language-x` class to the pre entity. */
  mergeIntoPre: boolean;
  language?: string;
}

const isSpace = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\n" || ch === "\r";

export function parseHtml(input: string): ParsedText {
  const byteOffset = (index: number): number => Buffer.byteLength(input.slice(0, index), "utf8");
  const fail = (message: string): never => {
    throw new EntityParseError(message);
  };
  const stack: OpenTag[] = [];
  const found: Array<{ entity: MessageEntity; order: number }> = [];
  let text = "";
  let order = 0;
  let i = 0;

  const decode = (at: number): { value: string; end: number } | undefined => {
    const match = /^&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([a-zA-Z]+));/.exec(input.slice(at, at + 16));
    if (match === null) return undefined;
    if (match[3] !== undefined) {
      const named = NAMED.get(match[3]);
      return named === undefined ? undefined : { value: named, end: at + match[0].length };
    }
    const code = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number(match[2]);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return { value: String.fromCodePoint(code), end: at + match[0].length };
  };

  const readAttributes = (tag: string, begin: number): Map<string, string> => {
    const attributes = new Map<string, string>();
    for (;;) {
      while (isSpace(input[i])) i++;
      if (i >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      if (input[i] === ">") return attributes;
      const nameStart = i;
      while (i < input.length && !isSpace(input[i]) && input[i] !== "=" && input[i] !== ">") i++;
      const name = input.slice(nameStart, i).toLowerCase();
      while (isSpace(input[i])) i++;
      if (input[i] !== "=") {
        if (tag === "blockquote" && name === "expandable") {
          attributes.set(name, "");
          continue;
        }
        fail(
          `Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(begin)}`,
        );
      }
      i++;
      while (isSpace(input[i])) i++;
      const quote = input[i];
      let value = "";
      if (quote === '"' || quote === "'") {
        i++;
        while (i < input.length && input[i] !== quote) {
          const entity = input[i] === "&" ? decode(i) : undefined;
          value += entity?.value ?? input[i];
          i = entity?.end ?? i + 1;
        }
        if (i >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        i++;
      } else {
        const tokenStart = i;
        while (i < input.length && /[A-Za-z0-9.-]/.test(input[i] ?? "")) i++;
        value = input.slice(tokenStart, i).toLowerCase();
        if (i >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        if (!isSpace(input[i]) && input[i] !== ">") {
          fail(`Unexpected end of name token at byte offset ${byteOffset(tokenStart)}`);
        }
      }
      attributes.set(name, value);
    }
  };

  const openTag = (): void => {
    const begin = i++;
    while (i < input.length && !isSpace(input[i]) && input[i] !== ">") i++;
    if (i >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
    const name = input.slice(begin + 1, i).toLowerCase();
    if (!TAGS.has(name)) fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);
    const attributes = readAttributes(name, begin);
    i++; // ">"
    if (name === "span" && attributes.get("class") !== "tg-spoiler") {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
    }
    if (name === "tg-emoji" && !/^\d+$/.test(attributes.get("emoji-id") ?? "")) {
      fail(
        `Tag "tg-emoji" must have attribute "emoji-id" with a custom emoji identifier at byte offset ${byteOffset(begin)}`,
      );
    }
    if (name === "tg-time") {
      if (!/^\d+$/.test(attributes.get("unix") ?? "")) {
        fail(`Tag "tg-time" must have attribute "unix" with a Unix time at byte offset ${byteOffset(begin)}`);
      }
      const format = attributes.get("format");
      if (format !== undefined && !TIME_FORMAT.test(format)) {
        fail(`Invalid date and time format specified at byte offset ${byteOffset(begin)}`);
      }
    }
    const parent = stack.at(-1);
    const inCode = stack.some((tag) => tag.name === "code" || tag.name === "pre");
    const languageCode = name === "code" && parent?.name === "pre" && parent.start === text.length;
    const language = languageCode ? /^language-(.+)$/.exec(attributes.get("class") ?? "")?.[1] : undefined;
    stack.push({
      name,
      start: text.length,
      order: order++,
      attributes,
      suppressed: inCode && !languageCode,
      mergeIntoPre: languageCode,
      ...(language === undefined ? {} : { language }),
    });
  };

  const closeTag = (): void => {
    const begin = i;
    i += 2;
    while (i < input.length && !isSpace(input[i]) && input[i] !== ">") i++;
    const name = input.slice(begin + 2, i).toLowerCase();
    while (isSpace(input[i])) i++;
    if (input[i] !== ">") fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    const open = stack.pop();
    if (open === undefined) throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    if (name !== "" && name !== open.name) {
      fail(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${open.name}>", found "</${name}>"`);
    }
    i++;
    const parent = stack.at(-1);
    if (open.mergeIntoPre && parent !== undefined) {
      if (open.language !== undefined) parent.language = open.language;
      return;
    }
    const length = text.length - open.start;
    if (open.suppressed || length === 0) return;
    const entity = tagEntity(open, text.slice(open.start), open.start, length);
    if (entity !== undefined) found.push({ entity, order: open.order });
  };

  while (i < input.length) {
    const ch = input[i] ?? "";
    if (ch === "&") {
      const entity = decode(i);
      if (entity === undefined) {
        const shown = /^&[#a-zA-Z0-9]*;?/.exec(input.slice(i, i + 12))?.[0] ?? "&";
        fail(
          shown.length > 1 && shown.endsWith(";")
            ? `Unsupported HTML entity "${shown}" at byte offset ${byteOffset(i)}; only &lt; &gt; &amp; &quot; and numeric entities are supported`
            : `Character "&" at byte offset ${byteOffset(i)} must be escaped as "&amp;"`,
        );
      }
      text += entity?.value ?? "";
      i = entity?.end ?? i + 1;
    } else if (ch === "<") {
      if (input[i + 1] === "/") closeTag();
      else openTag();
    } else {
      text += ch;
      i++;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(found) };
}

function tagEntity(tag: OpenTag, inner: string, offset: number, length: number): MessageEntity | undefined {
  const at = { offset, length };
  switch (tag.name) {
    case "b":
    case "strong":
      return { type: "bold", ...at };
    case "i":
    case "em":
      return { type: "italic", ...at };
    case "u":
    case "ins":
      return { type: "underline", ...at };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough", ...at };
    case "span":
    case "tg-spoiler":
      return { type: "spoiler", ...at };
    case "code":
      return { type: "code", ...at };
    case "pre":
      return tag.language === undefined ? { type: "pre", ...at } : { type: "pre", ...at, language: tag.language };
    case "blockquote":
      return { type: tag.attributes.has("expandable") ? "expandable_blockquote" : "blockquote", ...at };
    case "tg-emoji":
      return { type: "custom_emoji", ...at, custom_emoji_id: tag.attributes.get("emoji-id") ?? "" };
    case "tg-time": {
      const format = tag.attributes.get("format");
      const unix_time = Number(tag.attributes.get("unix"));
      return format === undefined
        ? ({ type: "date_time", ...at, unix_time } as MessageEntity)
        : ({ type: "date_time", ...at, unix_time, date_time_format: format } as MessageEntity);
    }
    case "a":
      return linkEntity(tag.attributes.get("href") ?? inner, offset, length);
    default:
      return undefined;
  }
}
