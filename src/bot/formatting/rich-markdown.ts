import { escapeProse } from "./rich-inline.js";

/**
 * A model's Markdown as Telegram rich messages (Bot API 10.1, `rich_message.markdown`). Rich
 * Markdown renders tables, headings, `$formulas$` and fenced code itself, so the answer goes out
 * nearly as written: only raw HTML is neutralised, and the text is split only past the rich limits.
 */

/** Telegram's limits for one rich message. */
export const RICH_LIMITS: RichLimits = { characters: 32_768, blocks: 500 };

export interface RichLimits {
  characters: number;
  blocks: number;
}

/** One top-level piece of the Markdown (a paragraph, list, table, code block…) and the blocks it makes. */
interface Chunk {
  lines: string[];
  blocks: number;
  /** Lines repeated at the top of every piece when the chunk itself has to be cut (a table header, a fence). */
  head: string[];
  /** Lines closing every piece of a cut chunk (a fence). */
  tail: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const MATH_OPEN = /^ {0,3}\$\$/;

/** Code points, as Telegram counts "characters"; the source is never shorter than the text shown. */
export function richLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * The answer's Markdown made safe to send: models write Markdown, not HTML, so `<` and `&` in prose
 * are escaped (shown as written, as the HTML path shows them) and cannot break parsing; fences,
 * formula blocks and code spans are raw text and stay as written.
 */
export function prepareRichMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let fence: string | undefined;
  let math = false;
  // Prose lines since the last blank line, fence or formula block: code spans are read over all of them.
  let prose: string[] = [];
  const endProse = () => {
    out.push(...escapeProse(prose));
    prose = [];
  };
  for (const line of lines) {
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      out.push(line);
    } else if (math) {
      if (line.includes("$$")) math = false;
      out.push(line);
    } else if (line.trim() === "") {
      endProse();
      out.push(line);
    } else if (opensFence(line) !== undefined) {
      endProse();
      fence = opensFence(line);
      out.push(line);
    } else if (MATH_OPEN.test(line)) {
      endProse();
      math = !line.trim().slice(2).includes("$$");
      out.push(line);
    } else prose.push(line);
  }
  endProse();
  return out.join("\n");
}

/** The fence a line opens: three or more backticks or tildes; after backticks, no backtick (CommonMark). */
function opensFence(line: string): string | undefined {
  const marker = FENCE.exec(line)?.[1];
  if (marker === undefined || (marker[0] === "`" && line.slice(line.indexOf(marker) + marker.length).includes("`")))
    return undefined;
  return marker;
}

/** A closing fence: the same character, at least as many, and nothing after it but spaces. */
function closesFence(line: string, fence: string): boolean {
  const marker = FENCE.exec(line)?.[1];
  return (
    marker !== undefined &&
    marker[0] === fence[0] &&
    marker.length >= fence.length &&
    line.slice(line.indexOf(marker) + marker.length).trim() === ""
  );
}

/**
 * Splits rich Markdown into messages within {@link RICH_LIMITS}: one message whenever it fits, else
 * cut between top-level blocks; a single block too big on its own is cut between lines (a code
 * block keeps its fence, a table its header in every piece). `footer` is a last block of its own.
 */
export function splitRichMarkdown(markdown: string, footer?: string, limits = RICH_LIMITS): string[] {
  const chunks = parseChunks(markdown.replace(/\r\n?/g, "\n").split("\n"));
  if (footer !== undefined) chunks.push({ lines: [footer], blocks: 1, head: [], tail: [] });
  const parts: string[] = [];
  let current: string[] = [];
  let chars = 0;
  let blocks = 0;
  const flush = () => {
    if (current.length > 0) parts.push(current.join("\n\n"));
    current = [];
    chars = 0;
    blocks = 0;
  };
  for (const chunk of chunks) {
    for (const piece of cutChunk(chunk, limits)) {
      const length = richLength(piece.text);
      const gap = current.length > 0 ? 2 : 0;
      if (current.length > 0 && (chars + gap + length > limits.characters || blocks + piece.blocks > limits.blocks))
        flush();
      current.push(piece.text);
      chars += (current.length > 1 ? 2 : 0) + length;
      blocks += piece.blocks;
    }
  }
  flush();
  return parts;
}

/** A chunk as text, or as several pieces when it alone breaks a limit. */
function cutChunk(chunk: Chunk, limits: RichLimits): { text: string; blocks: number }[] {
  const text = chunk.lines.join("\n");
  if (richLength(text) <= limits.characters && chunk.blocks <= limits.blocks) return [{ text, blocks: chunk.blocks }];
  const frame = richLength([...chunk.head, ...chunk.tail].join("\n")) + 2;
  const room = Math.max(1, limits.characters - frame);
  // Every body line of a cut chunk counts as a block (a row, an item): an upper bound.
  const maxLines = Math.max(1, limits.blocks - chunk.head.length - 1);
  const body = chunk.lines
    .slice(chunk.head.length, chunk.lines.length - chunk.tail.length)
    .flatMap((line) => (richLength(line) <= room ? [line] : hardCut(line, room)));
  const pieces: { text: string; blocks: number }[] = [];
  let lines: string[] = [];
  let length = 0;
  const emit = () => {
    if (lines.length === 0) return;
    pieces.push({ text: [...chunk.head, ...lines, ...chunk.tail].join("\n"), blocks: lines.length + 1 });
    lines = [];
    length = 0;
  };
  for (const line of body) {
    const add = richLength(line) + (lines.length > 0 ? 1 : 0);
    if (lines.length > 0 && (length + add > room || lines.length >= maxLines)) emit();
    length += richLength(line) + (lines.length > 0 ? 1 : 0);
    lines.push(line);
  }
  emit();
  return pieces;
}

function hardCut(line: string, size: number): string[] {
  const points = Array.from(line);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(""));
  return out;
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

function isTableStart(lines: string[], i: number): boolean {
  const next = lines[i + 1];
  if (next === undefined) return false;
  return (lines[i] ?? "").includes("|") && next.includes("|") && TABLE_SEPARATOR.test(next);
}

function startsBlock(lines: string[], i: number): boolean {
  const line = lines[i] ?? "";
  return (
    opensFence(line) !== undefined ||
    HEADING.test(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    MATH_OPEN.test(line) ||
    isTableStart(lines, i)
  );
}

/** Top-level chunks with the number of blocks Telegram counts for each (lists and tables count every item or row). */
function parseChunks(lines: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  const add = (from: number, to: number, blocks: number, head = 0, tail = 0) => {
    const taken = lines.slice(from, to);
    chunks.push({ lines: taken, blocks, head: taken.slice(0, head), tail: tail ? taken.slice(-tail) : [] });
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const start = i;
    const fence = opensFence(line);
    if (isBlank(line)) i += 1;
    else if (fence !== undefined) {
      for (i += 1; i < lines.length; i += 1) {
        if (closesFence(lines[i] as string, fence)) {
          i += 1;
          break;
        }
      }
      const closed = i - start > 1 && FENCE.test(lines[i - 1] as string);
      add(start, i, 1, 1, closed ? 1 : 0);
    } else if (MATH_OPEN.test(line)) {
      const closedHere = line.trim().slice(2).includes("$$");
      i += 1;
      if (!closedHere) {
        while (i < lines.length && !(lines[i] as string).includes("$$")) i += 1;
        i = Math.min(i + 1, lines.length);
      }
      add(start, i, 1);
    } else if (isTableStart(lines, i)) {
      for (i += 2; i < lines.length && !isBlank(lines[i]) && (lines[i] as string).includes("|"); i += 1);
      add(start, i, i - start, 2);
    } else if (HEADING.test(line) || RULE.test(line)) {
      i += 1;
      add(start, i, 1);
    } else if (QUOTE.test(line)) {
      for (; i < lines.length && QUOTE.test(lines[i] as string); i += 1);
      const inner = lines.slice(start, i).filter((l) => l.replace(/^ {0,3}>\s?/, "").trim() !== "").length;
      add(start, i, 1 + inner);
    } else if (LIST_ITEM.test(line)) {
      let items = 0;
      for (; i < lines.length; i += 1) {
        const l = lines[i] as string;
        if (LIST_ITEM.test(l)) items += 1;
        else if (isBlank(l)) {
          // A blank line ends the list unless the next line goes on with it (an item or indented text).
          const next = lines[i + 1];
          if (next === undefined || !(LIST_ITEM.test(next) || /^[ \t]{2,}\S/.test(next))) break;
        } else if (!/^[ \t]/.test(l) && startsBlock(lines, i)) break;
      }
      add(start, i, 1 + items);
    } else {
      for (
        i += 1;
        i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i) && !LIST_ITEM.test(lines[i] as string);
        i += 1
      );
      add(start, i, 1);
    }
  }
  return chunks;
}
