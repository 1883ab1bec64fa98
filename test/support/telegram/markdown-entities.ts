import type { MessageEntity } from "grammy/types";
import { EntityParseError, linkEntity, type ParsedText, sortEntities } from "./entity-helpers.js";

/** The MarkdownV2 parse mode, following TDLib's parser and error texts. */

type V2Type =
  | "Bold"
  | "Italic"
  | "Underline"
  | "Strikethrough"
  | "Spoiler"
  | "TextUrl"
  | "Code"
  | "Pre"
  | "PreCode"
  | "CustomEmoji";

interface OpenV2 {
  type: V2Type;
  start: number;
  byteOffset: number;
  order: number;
  language?: string;
}

const RESERVED = "_*[]()~`>#+-=|{}.!";

export function parseMarkdownV2(input: string): ParsedText {
  const byteOffset = (index: number): number => Buffer.byteLength(input.slice(0, index), "utf8");
  const fail = (message: string): never => {
    throw new EntityParseError(message);
  };
  const reserved = (ch: string): never =>
    fail(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
  const stack: OpenV2[] = [];
  const found: Array<{ entity: MessageEntity; order: number }> = [];
  let text = "";
  let order = 0;
  let quote: { start: number; expandable: boolean; order: number } | undefined;

  const closeQuote = (): void => {
    if (quote === undefined) return;
    const end = text.endsWith("\n") ? text.length - 1 : text.length;
    if (end > quote.start) {
      const type = quote.expandable ? "expandable_blockquote" : "blockquote";
      found.push({ entity: { type, offset: quote.start, length: end - quote.start }, order: quote.order });
    }
    quote = undefined;
  };

  const readUrl = (from: number): { url: string; end: number } => {
    let url = "";
    let i = from;
    while (i < input.length && input[i] !== ")") {
      const next = input.charCodeAt(i + 1);
      if (input[i] === "\\" && next > 0 && next <= 126) {
        url += input[i + 1];
        i += 2;
      } else url += input[i++];
    }
    if (input[i] !== ")") fail(`Can't find end of a URL at byte offset ${byteOffset(from)}`);
    return { url, end: i };
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i] ?? "";
    const top = stack.at(-1);
    const inCode = top?.type === "Code" || top?.type === "Pre" || top?.type === "PreCode";
    if (!inCode && (i === 0 || input[i - 1] === "\n")) {
      const expandable = input.startsWith("**>", i);
      if (input[i] === ">" || expandable) {
        if (quote === undefined) quote = { start: text.length, expandable, order: order++ };
        i += expandable ? 2 : 0;
        continue;
      }
      closeQuote();
    }
    const next = input.charCodeAt(i + 1);
    if (ch === "\\" && next > 0 && next <= 126) {
      text += input[++i];
      continue;
    }
    if (!(inCode ? "`" : RESERVED).includes(ch)) {
      text += ch;
      continue;
    }
    if (quote?.expandable && ch === "|" && input[i + 1] === "|" && /^(\n|$)/.test(input.slice(i + 2, i + 3))) {
      i++;
      continue; // "||" closing an expandable quote
    }
    const isEnd = top !== undefined && endsEntity(top.type, input, i);
    if (!isEnd) {
      const begin = i;
      let type: V2Type;
      let language: string | undefined;
      if (ch === "_") {
        type = input[i + 1] === "_" ? "Underline" : "Italic";
        if (type === "Underline") i++;
      } else if (ch === "*") type = "Bold";
      else if (ch === "~") type = "Strikethrough";
      else if (ch === "|" && input[i + 1] === "|") {
        type = "Spoiler";
        i++;
      } else if (ch === "[") type = "TextUrl";
      else if (ch === "!" && input[i + 1] === "[") {
        type = "CustomEmoji";
        i++;
      } else if (ch === "`" && input.startsWith("```", i)) {
        i += 3;
        type = "Pre";
        let languageEnd = i;
        while (languageEnd < input.length && !/[\s`]/.test(input[languageEnd] ?? "")) languageEnd++;
        if (languageEnd !== i && languageEnd < input.length && input[languageEnd] !== "`") {
          type = "PreCode";
          language = input.slice(i, languageEnd);
          i = languageEnd;
        }
        if (input[i] === "\n" || input[i] === "\r") {
          i += (input[i + 1] === "\n" || input[i + 1] === "\r") && input[i] !== input[i + 1] ? 2 : 1;
        }
        i--;
      } else if (ch === "`") type = "Code";
      else return reserved(ch);
      stack.push({
        type,
        start: text.length,
        byteOffset: byteOffset(begin),
        order: order++,
        ...(language === undefined ? {} : { language }),
      });
      continue;
    }
    const open = stack.pop() as OpenV2;
    const at = { offset: open.start, length: text.length - open.start };
    let entity: MessageEntity | undefined;
    switch (open.type) {
      case "Bold":
        entity = { type: "bold", ...at };
        break;
      case "Italic":
        entity = { type: "italic", ...at };
        break;
      case "Strikethrough":
        entity = { type: "strikethrough", ...at };
        break;
      case "Code":
        entity = { type: "code", ...at };
        break;
      case "Underline":
        i++;
        entity = { type: "underline", ...at };
        break;
      case "Spoiler":
        i++;
        entity = { type: "spoiler", ...at };
        break;
      case "Pre":
      case "PreCode":
        i += 2;
        entity = open.language === undefined ? { type: "pre", ...at } : { type: "pre", ...at, language: open.language };
        break;
      case "TextUrl": {
        let url = text.slice(open.start);
        if (input[i + 1] === "(") ({ url, end: i } = readUrl(i + 2));
        entity = linkEntity(url, at.offset, at.length);
        break;
      }
      case "CustomEmoji": {
        if (input[i + 1] !== "(") fail("Custom emoji entity must contain a tg://emoji URL");
        const { url, end } = readUrl(i + 2);
        i = end;
        const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
        if (id === undefined) fail(`Invalid custom emoji URL specified`);
        entity = { type: "custom_emoji", ...at, custom_emoji_id: id ?? "" };
        break;
      }
    }
    if (entity !== undefined && at.length > 0) found.push({ entity, order: open.order });
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) fail(`Can't find end of ${unclosed.type} entity at byte offset ${unclosed.byteOffset}`);
  closeQuote();
  return { text, entities: sortEntities(found) };
}

function endsEntity(type: V2Type, input: string, i: number): boolean {
  const ch = input[i];
  switch (type) {
    case "Bold":
      return ch === "*";
    case "Italic":
      return ch === "_" && input[i + 1] !== "_";
    case "Underline":
      return ch === "_" && input[i + 1] === "_";
    case "Strikethrough":
      return ch === "~";
    case "Spoiler":
      return ch === "|" && input[i + 1] === "|";
    case "Code":
      return ch === "`";
    case "Pre":
    case "PreCode":
      return input.startsWith("```", i);
    case "TextUrl":
    case "CustomEmoji":
      return ch === "]";
  }
}
