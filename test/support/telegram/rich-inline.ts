/**
 * How Telegram reads the inline content of one rich Markdown block (a paragraph, a heading, a table
 * cell), as CommonMark does: the construct that starts first wins among code spans, raw HTML tags,
 * autolinks and formulas; a code span is a run of backticks closed by the next run of the same
 * length, and everything in it is raw text; a backslash before ASCII punctuation makes it literal.
 * The bot's src/bot/formatting/rich-inline.ts reads Markdown the same way; this copy is written
 * apart on purpose, so the emulator never takes the bot's word for what Telegram accepts.
 */

export interface InlineToken {
  kind: "text" | "escape" | "code" | "math" | "tag" | "autolink";
  text: string;
  /** A tag's lower-cased name, and whether it closes or closes itself. */
  tag?: { name: string; closing: boolean; selfClosing: boolean };
}

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const TAG = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/y;
const AUTOLINK =
  /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>/y;
const MATH = /\$\$[^$]+\$\$|\$[^\s$](?:[^$]*[^\s$])?\$(?!\d)/y;

const sticky = (pattern: RegExp, text: string, at: number): RegExpExecArray | null => {
  pattern.lastIndex = at;
  return pattern.exec(text);
};

/** The tokens of one block's inline content (its lines joined with "\n"). */
export function readInline(block: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  let text = "";
  const push = (token: InlineToken) => {
    if (text !== "") tokens.push({ kind: "text", text });
    text = "";
    tokens.push(token);
  };
  let at = 0;
  while (at < block.length) {
    const char = block[at] as string;
    if (char === "\\" && ESCAPABLE.test(block[at + 1] ?? "")) {
      push({ kind: "escape", text: block.slice(at, at + 2) });
      at += 2;
      continue;
    }
    if (char === "`") {
      let ticks = 0;
      while (block[at + ticks] === "`") ticks += 1;
      const close = closer(block, at + ticks, ticks);
      // Unclosed: the backticks are literal, and reading goes on right after them.
      if (close === undefined) text += block.slice(at, at + ticks);
      else push({ kind: "code", text: block.slice(at, close + ticks) });
      at = close === undefined ? at + ticks : close + ticks;
      continue;
    }
    const link = char === "<" ? sticky(AUTOLINK, block, at) : null;
    const tag = char === "<" && link === null ? sticky(TAG, block, at) : null;
    const math = char === "$" ? sticky(MATH, block, at) : null;
    const match = link ?? tag ?? math;
    if (match === null) {
      text += char;
      at += 1;
      continue;
    }
    const token: InlineToken = { kind: link ? "autolink" : tag ? "tag" : "math", text: match[0] };
    if (tag) token.tag = { name: (tag[2] ?? "").toLowerCase(), closing: tag[1] === "/", selfClosing: tag[3] === "/" };
    push(token);
    at += match[0].length;
  }
  if (text !== "") tokens.push({ kind: "text", text });
  return tokens;
}

/** The start of the next run of exactly `length` backticks. */
function closer(block: string, from: number, length: number): number | undefined {
  let at = block.indexOf("`", from);
  while (at >= 0) {
    let run = 0;
    while (block[at + run] === "`") run += 1;
    if (run === length) return at;
    at = block.indexOf("`", at + run);
  }
  return undefined;
}

/** The cells of a table row: split at every `|` not escaped, code spans included (GFM). */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let at = 0; at < row.length; at += 1) {
    const char = row[at] as string;
    if (char === "\\" && row[at + 1] === "|") {
      cell += "\\|";
      at += 1;
    } else if (char === "|") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  const trimmed = row.trim();
  if (trimmed.startsWith("|")) cells.shift();
  if (trimmed.endsWith("|") && !trimmed.endsWith("\\|")) cells.pop();
  return cells;
}
