import { escapeAttribute, escapeHtml } from "./html.js";
import { inlineToPlainText, renderInline } from "./inline-markdown.js";

/**
 * The ordinary Markdown that language models write, turned into Telegram HTML (parse_mode "HTML").
 * The output only ever uses `b i s code pre a blockquote`, always balanced, with everything else
 * escaped, so any model output can be sent without "can't parse entities" errors.
 */

/** One rendered block (paragraph, heading, list, code block, quote, table, rule) and the separator before it. */
export interface HtmlBlock {
  html: string;
  /** "\n\n" when the source had a blank line before the block, "\n" when it followed directly. */
  gap: string;
}

/** Converts Markdown to one Telegram-HTML string (use `renderAnswer` to also split it to the length limit). */
export function markdownToHtml(markdown: string): string {
  return markdownToBlocks(markdown)
    .map((block, i) => (i === 0 ? block.html : block.gap + block.html))
    .join("");
}

/** Converts Markdown to the rendered blocks `renderAnswer` packs into messages. */
export function markdownToBlocks(markdown: string): HtmlBlock[] {
  return parseBlocks(markdown.replace(/\r\n?/g, "\n").split("\n"), false);
}

const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const SETEXT = /^ {0,3}=+[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function isBlank(line: string): boolean {
  return line.trim() === "";
}

function openingFence(line: string): { indent: number; marker: string; lang: string } | null {
  const m = FENCE.exec(line);
  if (m === null) return null;
  const marker = m[2] as string;
  const info = (m[3] ?? "").trim();
  if (marker[0] === "`" && info.includes("`")) return null;
  const lang = (info.split(/\s/)[0] ?? "").replace(/[^\w#+.-]/g, "").slice(0, 32);
  return { indent: (m[1] ?? "").replace(/\t/g, "    ").length, marker, lang };
}

function isTableStart(lines: string[], i: number): boolean {
  const line = lines[i] ?? "";
  const next = lines[i + 1] ?? "";
  if (!line.includes("|")) return false;
  if (next.includes("|") && TABLE_SEPARATOR.test(next)) return true;
  const framed = (l: string) => /^\s*\|.*\|\s*$/.test(l);
  return framed(line) && framed(next);
}

/** A line that ends a paragraph or a list because it starts a block of its own. */
function startsBlock(lines: string[], i: number): boolean {
  const line = lines[i] ?? "";
  return (
    openingFence(line) !== null || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || isTableStart(lines, i)
  );
}

function parseBlocks(lines: string[], inQuote: boolean): HtmlBlock[] {
  const out: HtmlBlock[] = [];
  let blank = false;
  const push = (html: string, gap = blank ? "\n\n" : "\n") => {
    if (html === "") return;
    out.push({ html, gap });
    blank = false;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const fence = openingFence(line);
    if (isBlank(line)) {
      blank = true;
      i += 1;
    } else if (fence !== null) {
      const code: string[] = [];
      for (i += 1; i < lines.length; i += 1) {
        const l = lines[i] as string;
        const close = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(l)?.[1];
        if (close !== undefined && close[0] === fence.marker[0] && close.length >= fence.marker.length) {
          i += 1;
          break;
        }
        code.push(stripIndent(l, fence.indent));
      }
      push(renderCode(code.join("\n"), fence.lang));
    } else if (isTableStart(lines, i)) {
      const rows: string[] = [];
      for (; i < lines.length && !isBlank(lines[i] as string) && (lines[i] as string).includes("|"); i += 1) {
        rows.push(lines[i] as string);
      }
      push(renderTable(rows));
    } else if (HEADING.test(line)) {
      const text = HEADING.exec(line)?.[2] ?? "";
      push(text === "" ? "" : `<b>${renderInline(text, { b: true })}</b>`);
      i += 1;
    } else if (RULE.test(line)) {
      push("———");
      i += 1;
    } else if (QUOTE.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i] as string); i += 1) {
        // Inside a quote every deeper level is inlined anyway: all its markers go at once, so a
        // thousand `>` in a row never nest a thousand calls deep.
        quoted.push((lines[i] as string).replace(inQuote ? /^(?: {0,3}> ?)+/ : /^ {0,3}> ?/, ""));
      }
      const inner = parseBlocks(quoted, true);
      // Telegram forbids nested quotes: inside a quote the inner blocks are simply inlined.
      if (inQuote) {
        inner.forEach((b, k) => {
          push(b.html, k === 0 ? undefined : b.gap);
        });
      } else pushQuote(inner, push);
    } else if (LIST_ITEM.test(line)) {
      const items: string[][] = [];
      for (; i < lines.length && !isBlank(lines[i] as string) && !startsBlock(lines, i); i += 1) {
        const l = lines[i] as string;
        const last = items[items.length - 1];
        if (LIST_ITEM.test(l) || last === undefined) items.push([l]);
        else last.push(l.trim());
      }
      push(items.map(renderListItem).join("\n"));
    } else {
      const para: string[] = [];
      let heading = false;
      for (; i < lines.length && !isBlank(lines[i] as string) && !heading; i += 1) {
        if (para.length > 0 && (startsBlock(lines, i) || LIST_ITEM.test(lines[i] as string))) break;
        if (para.length > 0 && SETEXT.test(lines[i] as string)) heading = true;
        else para.push((lines[i] as string).trim());
      }
      const text = para.join("\n");
      push(heading ? `<b>${renderInline(text, { b: true })}</b>` : renderInline(text));
    }
  }
  return out;
}

/** Wraps a quote's blocks in <blockquote>; code blocks and tables stay outside, as Telegram can't nest them. */
function pushQuote(inner: HtmlBlock[], push: (html: string, gap?: string) => void): void {
  let group: string | null = null;
  let groupGap: string | undefined;
  const flush = () => {
    if (group !== null) push(`<blockquote>${group}</blockquote>`, groupGap);
    group = null;
  };
  inner.forEach((block, k) => {
    const gap = k === 0 ? undefined : block.gap;
    if (block.html.startsWith("<pre>")) {
      flush();
      push(block.html, gap);
    } else if (group === null) {
      group = block.html;
      groupGap = gap;
    } else group += block.gap + block.html;
  });
  flush();
}

function stripIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === " ") i += 1;
  return line.slice(i);
}

function renderCode(code: string, lang: string): string {
  if (code.trim() === "") return "";
  const body = escapeHtml(code);
  return lang === ""
    ? `<pre>${body}</pre>`
    : `<pre><code class="language-${escapeAttribute(lang)}">${body}</code></pre>`;
}

function renderListItem(lines: string[]): string {
  const m = LIST_ITEM.exec(lines[0] ?? "");
  const indent = (m?.[1] ?? "").replace(/\t/g, "    ");
  const marker = m?.[2] ?? "-";
  const bullet = /\d/.test(marker) ? `${marker} ` : "• ";
  const content = [
    (m?.[3] ?? "").replace(/^\[([ xX])\][ \t]+/, (_, x: string) => (x === " " ? "☐ " : "☑ ")),
    ...lines.slice(1),
  ];
  const hanging = `\n${indent}${" ".repeat(bullet.length)}`;
  return indent + bullet + renderInline(content.join("\n")).replace(/\n/g, hanging);
}

/** Tables become aligned monospace text: Telegram has no table markup, and <pre> keeps the columns. */
function renderTable(rows: string[]): string {
  let align: string[] = [];
  const cells: string[][] = [];
  for (const row of rows) {
    const split = splitCells(row);
    if (TABLE_SEPARATOR.test(row) && row.includes("-") && align.length === 0 && cells.length === 1) {
      align = split.map((c) => (/^:-+:$/.test(c) ? "center" : /-:$/.test(c) ? "right" : "left"));
    } else cells.push(split.map((c) => inlineToPlainText(c).replace(/\s+/g, " ")));
  }
  if (cells.length === 0) return "";
  const columns = Math.max(...cells.map((r) => r.length));
  const width = (s: string) => Array.from(s).length;
  const widths = Array.from({ length: columns }, (_, c) => Math.max(1, ...cells.map((r) => width(r[c] ?? ""))));
  const pad = (s: string, c: number) => {
    const room = (widths[c] ?? 0) - width(s);
    if (align[c] === "right") return " ".repeat(room) + s;
    if (align[c] === "center") return " ".repeat(Math.floor(room / 2)) + s + " ".repeat(Math.ceil(room / 2));
    return s + " ".repeat(room);
  };
  const lines = cells.map((r) =>
    widths
      .map((_, c) => pad(r[c] ?? "", c))
      .join(" | ")
      .trimEnd(),
  );
  if (align.length > 0) lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("-|-"));
  return `<pre>${escapeHtml(lines.join("\n"))}</pre>`;
}

/** Cells of one table row; `|` inside code spans or escaped as `\|` does not split. */
function splitCells(row: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let inCode = false;
  const text = row.trim().replace(/^\|/, "");
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === "\\" && text[i + 1] === "|") {
      cell += inCode ? "|" : "\\|";
      i += 1;
    } else if (c === "`") {
      inCode = !inCode;
      cell += c;
    } else if (c === "|" && !inCode) {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  if (cell.trim() !== "" || cells.length === 0) cells.push(cell.trim());
  return cells;
}
