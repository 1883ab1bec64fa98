import { badRequest } from "./api-error.js";
import { isRecord } from "./params.js";
import { type InlineToken, readInline, tableCells } from "./rich-inline.js";

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
  // The blocks whose inline content Telegram reads on its own: code spans never reach across them.
  const units: string[][] = [];
  let unit: string[] = [];
  const endUnit = () => {
    if (unit.length > 0) units.push(unit);
    unit = [];
  };
  const plain: string[] = [];
  lines.forEach((line, i) => {
    if (inFence !== undefined) {
      if (closesFence(line, inFence)) inFence = undefined;
      else plain.push(line);
      return;
    }
    const fence = opensFence(line);
    if (fence !== undefined) {
      endUnit();
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
      endUnit();
      inMath = !trimmed.slice(2).includes("$$");
      blocks += 1;
      previous = "math";
      plain.push(trimmed.replaceAll("$$", ""));
      return;
    }
    if (trimmed === "") {
      previous = "blank";
      endUnit();
      return;
    }
    if (SEPARATOR.test(line) && line.includes("|") && (lines[i - 1] ?? "").includes("|")) {
      const columns = splitRow(line).length;
      if (columns > RICH_MAX_COLUMNS)
        throw refuse("RICH_MESSAGE_INVALID", `a table with ${columns} columns, the limit is ${RICH_MAX_COLUMNS}`);
      // The header row was counted as a paragraph line: it becomes the table block and its first row.
      blocks += 1;
      previous = "table";
      const header = unit.pop() ?? "";
      endUnit();
      for (const cell of tableCells(header)) units.push([cell]);
      return;
    }
    if (previous === "table" && line.includes("|")) {
      blocks += 1;
      plain.push(splitRow(line).join(" "));
      for (const cell of tableCells(line)) units.push([cell]);
      return;
    }
    if (LIST_ITEM.test(line)) {
      if (previous !== "list") blocks += 1;
      blocks += 1;
      previous = "list";
      endUnit();
    } else if (/^ {0,3}(#{1,6}\s|([-*_])(?:[ \t]*\2){2,}[ \t]*$)/.test(line)) {
      blocks += 1;
      previous = "heading";
      endUnit();
      units.push([line]);
      plain.push(line);
      return;
    } else if (/^ {0,3}>/.test(line)) {
      if (previous !== "quote") {
        blocks += 2;
        endUnit();
      }
      previous = "quote";
    } else if (previous === "blank" || previous === "fence" || previous === "math" || previous === "heading") {
      blocks += 1;
      previous = "paragraph";
    }
    unit.push(line);
    plain.push(line);
  });
  endUnit();
  const tokens = units.flatMap((lines) => readInline(lines.join("\n")));
  checkTags(tokens.filter((t) => t.kind === "tag"));
  checkEntities(
    tokens
      .filter((t) => t.kind === "text")
      .map((t) => t.text)
      .join(" "),
  );
  return { plain: toPlain(plain.join("\n")), blocks, markdown };
}

/** A fence: three or more backticks or tildes; after backticks, no backtick on the line (CommonMark). */
function opensFence(line: string): string | undefined {
  const marker = FENCE.exec(line)?.[1];
  if (marker === undefined) return undefined;
  const info = line.slice(line.indexOf(marker) + marker.length);
  return marker[0] === "`" && info.includes("`") ? undefined : marker;
}

/** A closing fence: the same character, at least as many, nothing after but spaces. */
function closesFence(line: string, fence: string): boolean {
  const marker = FENCE.exec(line)?.[1];
  if (marker === undefined || marker[0] !== fence[0] || marker.length < fence.length) return false;
  return line.slice(line.indexOf(marker) + marker.length).trim() === "";
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());
}

/** Tags supported and balanced, entities known; `blocks` is what an html message counts as at least. */
function checkHtmlSource(source: string, blocks: number): CheckedRich {
  checkLength(source);
  const tags = [...source.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g)].map((match) => ({
    text: match[0],
    tag: { name: (match[2] ?? "").toLowerCase(), closing: match[1] === "/", selfClosing: match[3] === "/" },
  }));
  checkTags(tags);
  checkEntities(source);
  return {
    plain: toPlain(source),
    blocks: Math.max(blocks, (source.match(/<(p|h[1-6]|pre|li|tr|blockquote|footer|hr)\b/g) ?? []).length),
  };
}

function checkTags(tags: Pick<InlineToken, "text" | "tag">[]): void {
  const stack: string[] = [];
  for (const { text, tag } of tags) {
    if (tag === undefined) continue;
    if (!TAGS.has(tag.name)) throw refuse(`can't parse rich message: unsupported tag "${tag.name}"`, text);
    if (tag.closing) {
      if (stack.pop() !== tag.name) throw refuse(`can't parse rich message: unexpected end tag "${tag.name}"`, text);
    } else if (!tag.selfClosing && !VOID_TAGS.has(tag.name)) stack.push(tag.name);
  }
  if (stack.length > 0) throw refuse(`can't parse rich message: unclosed tag "${stack.at(-1)}"`, `<${stack.at(-1)}>`);
}

function checkEntities(text: string): void {
  for (const match of text.matchAll(/&([a-zA-Z]+);/g)) {
    if (!ENTITIES.has(match[1] ?? "")) throw refuse(`can't parse rich message: unsupported entity "${match[0]}"`, "");
  }
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
