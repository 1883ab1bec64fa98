import type { MessageEntity } from "grammy/types";
import { EntityParseError, linkEntity, type ParsedText, sortEntities } from "./entity-helpers.js";

/** Legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`; no nesting. */
export function parseMarkdownLegacy(input: string): ParsedText {
  const found: Array<{ entity: MessageEntity; order: number }> = [];
  let text = "";
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] ?? "";
    if (ch === "\\" && "_*`[".includes(input[i + 1] ?? "x")) {
      text += input[++i];
      continue;
    }
    if (!"_*`[".includes(ch)) {
      text += ch;
      continue;
    }
    const begin = i;
    const endChar = ch === "[" ? "]" : ch;
    const isPre = ch === "`" && input.startsWith("```", i);
    let language: string | undefined;
    i++;
    if (isPre) {
      i += 2;
      let languageEnd = i;
      while (languageEnd < input.length && !/[\s`]/.test(input[languageEnd] ?? "")) languageEnd++;
      if (languageEnd !== i && languageEnd < input.length && input[languageEnd] !== "`") {
        language = input.slice(i, languageEnd);
        i = languageEnd;
      }
      if (input[i] === "\n" || input[i] === "\r") {
        i += (input[i + 1] === "\n" || input[i + 1] === "\r") && input[i] !== input[i + 1] ? 2 : 1;
      }
    }
    const start = text.length;
    while (i < input.length && (isPre ? !input.startsWith("```", i) : input[i] !== endChar)) text += input[i++];
    if (i >= input.length) {
      throw new EntityParseError(
        `Can't find end of the entity starting at byte offset ${Buffer.byteLength(input.slice(0, begin), "utf8")}`,
      );
    }
    const at = { offset: start, length: text.length - start };
    let entity: MessageEntity | undefined;
    if (ch === "_") entity = { type: "italic", ...at };
    else if (ch === "*") entity = { type: "bold", ...at };
    else if (isPre) entity = language === undefined ? { type: "pre", ...at } : { type: "pre", ...at, language };
    else if (ch === "`") entity = { type: "code", ...at };
    else {
      let url = text.slice(start);
      if (input[i + 1] === "(") {
        const close = input.indexOf(")", i + 2);
        url = input.slice(i + 2, close < 0 ? input.length : close);
        i = close < 0 ? input.length : close;
      }
      entity = linkEntity(url, at.offset, at.length);
    }
    if (isPre) i += 2;
    if (entity !== undefined && at.length > 0) found.push({ entity, order: found.length });
  }
  return { text, entities: sortEntities(found) };
}
