import { badRequest } from "./api-error.js";
import { isRecord } from "./params.js";

/**
 * The emulator's reading of an `InputRichMessage` (Bot API 10.1): exactly one of markdown, html or
 * blocks; the rich limits (32,768 characters, 500 blocks, 20 table columns); only the HTML tags and
 * named entities rich messages support, balanced; the "thinking" block only in drafts.
 * Characters are counted on the source, which is never shorter than the text Telegram counts:
 * a message that passes here passes Telegram.
 */
export const RICH_MAX_CHARACTERS = 32_768;
export const RICH_MAX_BLOCKS = 500;
export const RICH_MAX_COLUMNS = 20;

export interface CheckedRich {
  /** The text a reader sees, roughly: markup removed, entities decoded. */
  plain: string;
  blocks: number;
  markdown?: string;
}

const TAGS = new Set(
  (
    "a b strong i em u ins s strike del code mark sub sup tg-spoiler tg-reference tg-emoji tg-time tg-math " +
    "h1 h2 h3 h4 h5 h6 p pre footer hr br ul ol li input blockquote cite aside img video audio tg-document " +
    "figure figcaption tg-map tg-collage tg-slideshow table caption tr th td details summary tg-math-block " +
    "tg-button tg-button-row tg-thinking"
  ).split(" "),
);
const VOID_TAGS = new Set(["hr", "br", "img", "input", "tg-map"]);
const ENTITIES = new Set([
  "lt",
  "gt",
  "amp",
  "quot",
  "apos",
  "nbsp",
  "hellip",
  "mdash",
  "ndash",
  "lsquo",
  "rsquo",
  "ldquo",
  "rdquo",
]);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const refuse = (description: string, hint: string) => badRequest(description, hint);

/** Checks the `rich_message` parameter as Telegram would; `draft` allows the thinking block. */
export function checkRichMessage(value: unknown, draft: boolean): CheckedRich {
  if (!isRecord(value)) throw refuse("RICH_MESSAGE_EMPTY", "rich_message must be an object");
  const given = (["markdown", "html", "blocks"] as const).filter((key) => value[key] !== undefined);
  if (given.length !== 1)
    throw refuse(
      "RICH_MESSAGE_INVALID",
      `exactly one of markdown, html, blocks must be used; got ${given.join(", ") || "none"}`,
    );
  let checked: CheckedRich;
  if (typeof value.markdown === "string") checked = checkMarkdown(value.markdown);
  else if (typeof value.html === "string") checked = checkHtmlSource(value.html, 1);
  else if (Array.isArray(value.blocks)) checked = checkBlocks(value.blocks, draft);
  else throw refuse("RICH_MESSAGE_INVALID", `the ${given[0]} field has the wrong type`);
  if (checked.plain.trim() === "" && checked.blocks === 0) throw refuse("RICH_MESSAGE_EMPTY", "nothing to show");
  if (
    !draft &&
    /<tg-thinking\b/i.test(value.markdown === undefined ? String(value.html ?? "") : String(value.markdown))
  )
    throw refuse("RICH_MESSAGE_INVALID", "the thinking block may be used only in sendRichMessageDraft");
  if (checked.blocks > RICH_MAX_BLOCKS)
    throw refuse("RICH_MESSAGE_TOO_MANY_BLOCKS", `${checked.blocks} blocks, the limit is ${RICH_MAX_BLOCKS}`);
  return checked;
}

function checkLength(source: string): void {
  const length = Array.from(source).length;
  if (length > RICH_MAX_CHARACTERS)
    throw refuse("RICH_MESSAGE_TOO_LONG", `${length} characters, the limit is ${RICH_MAX_CHARACTERS}`);
}

function checkMarkdown(markdown: string): CheckedRich {
  checkLength(markdown);
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let blocks = 0;
  let inFence: string | undefined;
  let inMath = false;
  let previous = "blank";
  const prose: string[] = [];
  const plain: string[] = [];
  lines.forEach((line, i) => {
    const fence = FENCE.exec(line)?.[1];
    if (inFence !== undefined) {
      if (fence !== undefined && fence[0] === inFence[0] && fence.length >= inFence.length) inFence = undefined;
      else plain.push(line);
      return;
    }
    if (fence !== undefined) {
      inFence = fence;
      blocks += 1;
      previous = "fence";
      return;
    }
    if (inMath) {
      if (line.includes("$$")) inMath = false;
      plain.push(line.replace("$$", ""));
      return;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith("$$")) {
      inMath = !trimmed.slice(2).includes("$$");
      blocks += 1;
      previous = "math";
      plain.push(trimmed.replaceAll("$$", ""));
      return;
    }
    if (trimmed === "") {
      previous = "blank";
      // Code spans and formulas never reach across blocks.
      prose.push(BLOCK_BREAK);
      return;
    }
    if (SEPARATOR.test(line) && line.includes("|") && (lines[i - 1] ?? "").includes("|")) {
      const columns = splitRow(line).length;
      if (columns > RICH_MAX_COLUMNS)
        throw refuse("RICH_MESSAGE_INVALID", `a table with ${columns} columns, the limit is ${RICH_MAX_COLUMNS}`);
      // The header row was counted as a paragraph line: it becomes the table block and its first row.
      blocks += 1;
      previous = "table";
      return;
    }
    if (previous === "table" && line.includes("|")) {
      blocks += 1;
      plain.push(splitRow(line).join(" "));
      return;
    }
    if (LIST_ITEM.test(line)) {
      if (previous !== "list") blocks += 1;
      blocks += 1;
      previous = "list";
    } else if (/^ {0,3}(#{1,6}\s|([-*_])(?:[ \t]*\2){2,}[ \t]*$)/.test(line)) {
      blocks += 1;
      previous = "heading";
    } else if (/^ {0,3}>/.test(line)) {
      if (previous !== "quote") blocks += 2;
      previous = "quote";
    } else if (previous === "blank" || previous === "fence" || previous === "math" || previous === "heading") {
      blocks += 1;
      previous = "paragraph";
    }
    prose.push(line);
    plain.push(line);
  });
  checkHtmlSource(prose.join("\n").split(BLOCK_BREAK).map(stripVerbatim).join("\n"), 0);
  return { plain: toPlain(plain.join("\n")), blocks, markdown };
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());
}

/** Marks the end of a paragraph among the prose lines. */
const BLOCK_BREAK = "\u0000";

/** Code spans and formulas are raw text: tags and entities in them are not parsed. */
function stripVerbatim(text: string): string {
  return text.replace(/(`+)[^`]*?\1|\$\$[^$]+\$\$|\$[^\s$](?:[^$]*[^\s$])?\$/g, "");
}

/** Tags supported and balanced, entities known; `blocks` is what an html message counts as at least. */
function checkHtmlSource(source: string, blocks: number): CheckedRich {
  checkLength(source);
  const stack: string[] = [];
  for (const match of source.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = match;
    const name = (rawName ?? "").toLowerCase();
    if (!TAGS.has(name)) throw refuse(`can't parse rich message: unsupported tag "${name}"`, match[0]);
    if (closing) {
      if (stack.pop() !== name) throw refuse(`can't parse rich message: unexpected end tag "${name}"`, match[0]);
    } else if (!selfClosing && !VOID_TAGS.has(name)) stack.push(name);
  }
  if (stack.length > 0) throw refuse(`can't parse rich message: unclosed tag "${stack.at(-1)}"`, source.slice(0, 120));
  for (const match of source.matchAll(/&([a-zA-Z]+);/g)) {
    if (!ENTITIES.has(match[1] ?? "")) throw refuse(`can't parse rich message: unsupported entity "${match[0]}"`, "");
  }
  return {
    plain: toPlain(source),
    blocks: Math.max(blocks, (source.match(/<(p|h[1-6]|pre|li|tr|blockquote|footer|hr)\b/g) ?? []).length),
  };
}

function checkBlocks(list: unknown[], draft: boolean): CheckedRich {
  let blocks = 0;
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (!isRecord(value) || typeof value.type !== "string")
      throw refuse("RICH_MESSAGE_INVALID", "a block without a type");
    if (value.type === "thinking" && !draft)
      throw refuse("RICH_MESSAGE_INVALID", "the thinking block may be used only in sendRichMessageDraft");
    blocks += 1;
    if (typeof value.text === "string") texts.push(value.text);
    if (Array.isArray(value.blocks)) value.blocks.forEach(visit);
    if (Array.isArray(value.items))
      for (const item of value.items) if (isRecord(item) && Array.isArray(item.blocks)) item.blocks.forEach(visit);
  };
  list.forEach(visit);
  checkLength(texts.join(""));
  return { plain: texts.join("\n"), blocks };
}

/** Roughly what the reader sees: tags and inline markers gone, entities decoded. */
function toPlain(text: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " };
  return text
    .replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (tag, name: string) => (TAGS.has(name.toLowerCase()) ? "" : tag))
    .replace(/\*\*|__|~~|==|\|\|/g, "")
    .replace(/&([a-z]+);/g, (whole, name: string) => named[name] ?? whole)
    .trim();
}
