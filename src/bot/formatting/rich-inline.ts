/**
 * The inline level of rich Markdown, read as CommonMark reads it (Telegram's rich Markdown follows
 * GitHub Flavored Markdown): code spans and formulas are raw text, backslash escapes are literal
 * characters, everything else is prose in which `<` and `&` would be markup.
 * The emulator's checker (test/support/telegram/rich-inline.ts) reads rich Markdown the same way.
 */

/** One piece of a line. */
export interface InlinePiece {
  kind: "text" | "escape" | "code" | "math" | "ticks";
  text: string;
}

/** A backslash before ASCII punctuation makes it a literal character (CommonMark). */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
/** `$$…$$` or `$…$` with no space just inside the dollars and no digit after ("$5 and $6" is no formula). */
const MATH = /\$\$[^$]+\$\$|\$[^\s$](?:[^$]*[^\s$])?\$(?!\d)/y;

/**
 * Splits a line into pieces: `code` is a whole code span with its backticks (a run of backticks closed
 * by the next run of the same length), `ticks` a run of backticks that closes nowhere (literal),
 * `escape` a backslash and the character it escapes, `math` an inline formula, `text` the rest.
 */
export function inlinePieces(line: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  let text = "";
  const push = (kind: InlinePiece["kind"], piece: string) => {
    if (text !== "") pieces.push({ kind: "text", text });
    text = "";
    pieces.push({ kind, text: piece });
  };
  let i = 0;
  while (i < line.length) {
    const char = line[i] as string;
    if (char === "\\" && ESCAPABLE.test(line[i + 1] ?? "")) {
      push("escape", line.slice(i, i + 2));
      i += 2;
    } else if (char === "`") {
      const length = runLength(line, i);
      const close = closingRun(line, i + length, length);
      const end = close === undefined ? i + length : close + length;
      push(close === undefined ? "ticks" : "code", line.slice(i, end));
      i = end;
    } else if (char === "$" && mathEnd(line, i) !== undefined) {
      const end = mathEnd(line, i) as number;
      push("math", line.slice(i, end));
      i = end;
    } else {
      text += char;
      i += 1;
    }
  }
  if (text !== "") pieces.push({ kind: "text", text });
  return pieces;
}

function mathEnd(line: string, from: number): number | undefined {
  MATH.lastIndex = from;
  return MATH.test(line) ? MATH.lastIndex : undefined;
}

function runLength(line: string, from: number): number {
  let end = from;
  while (line[end] === "`") end += 1;
  return end - from;
}

/** Where the next run of exactly `length` backticks starts (longer or shorter runs don't close). */
function closingRun(line: string, from: number, length: number): number | undefined {
  for (let i = line.indexOf("`", from); i >= 0; i = line.indexOf("`", i)) {
    const run = runLength(line, i);
    if (run === length) return i;
    i += run;
  }
  return undefined;
}

/**
 * Prose lines (one stretch between blank lines, fences and formula blocks) made safe to send.
 * Code spans stay verbatim (`Vec<T>` shows as typed) when every parser must pair the backticks as
 * read here: each line pairs all of its own, so no grouping of lines into paragraphs, list items or
 * quotes can pair them otherwise. Else, and in a code span a table could cut at its `|`, a `<` that
 * could open a tag and an `&` that could start an entity are escaped wherever they are: shown as
 * `&lt;` in code at worst, never a refused message.
 */
export function escapeProse(lines: string[]): string[] {
  const read = lines.map(inlinePieces);
  const certain =
    read.every((pieces) => pieces.every((p) => p.kind !== "ticks" && !(p.kind === "math" && p.text.includes("`")))) &&
    !formulaCrossesLines(read);
  return read.map((pieces) =>
    pieces
      .map((piece) => {
        switch (piece.kind) {
          case "text":
            return escapeText(piece.text);
          case "code":
            return certain && !piece.text.includes("|") ? piece.text : escapeMarkup(piece.text);
          case "math":
            return spaceTags(piece.text);
          default:
            return piece.text;
        }
      })
      .join(""),
  );
}

/**
 * Whether a `$` left as text on one line could open a formula that a parser reading the lines as one
 * paragraph closes on a later line: such a formula would swallow the backticks between them.
 */
function formulaCrossesLines(read: InlinePiece[][]): boolean {
  const joined = read.map((pieces) => pieces.map((p) => p.text).join("")).join("\n");
  let at = 0;
  for (const pieces of read) {
    for (const piece of pieces) {
      if (piece.kind === "text")
        for (let i = piece.text.indexOf("$"); i >= 0; i = piece.text.indexOf("$", i + 1)) {
          MATH.lastIndex = at + i;
          if (MATH.exec(joined)?.[0].includes("\n")) return true;
        }
      at += piece.text.length;
    }
    at += 1;
  }
  return false;
}

/** `<` and `&` as text: what a model writes is never markup. */
export function escapeText(text: string): string {
  return text.replace(/[&<]/g, (c) => (c === "&" ? "&amp;" : "&lt;"));
}

/** A `<` that could open a tag, an `&` that could start an entity. */
const MARKUP = /<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/g;

/** Only what could read as a tag or an entity. */
function escapeMarkup(text: string): string {
  return text.replace(MARKUP, (c) => (c === "<" ? "&lt;" : "&amp;"));
}

/**
 * In a formula a space after `<` changes nothing (LaTeX ignores spaces in math), and keeps it from
 * opening a tag should a parser not read the dollars as a formula.
 */
function spaceTags(formula: string): string {
  return formula.replace(MARKUP, (c) => (c === "<" ? "< " : "&amp;"));
}
