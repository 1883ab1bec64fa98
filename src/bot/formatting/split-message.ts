import { type HtmlToken, tokenizeHtml, visibleLength } from "./html.js";
import { markdownToBlocks } from "./markdown-to-html.js";

/** Telegram's limit for a message's text, counted after entity parsing in UTF-16 code units. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Options for {@link renderAnswer}. */
export interface RenderAnswerOptions {
  /** Most visible characters per part; defaults to Telegram's 4096. */
  limit?: number;
  /**
   * Already-valid HTML appended verbatim to the last part and counted in its length, so include
   * your own separator (`"\n\n<i>…</i>"`); when it does not fit it becomes a part of its own,
   * without its leading whitespace.
   */
  footer?: string;
}

/**
 * Renders a model's Markdown answer as the Telegram-HTML messages to send, in order. Whole blocks
 * (paragraphs, lists, code blocks) are packed into each part; a block too long on its own is split
 * at line breaks, then spaces, then anywhere, with its tags closed and reopened around each cut.
 * Returns [] when the answer has nothing to show; the caller decides what to send instead.
 */
export function renderAnswer(markdown: string, options: RenderAnswerOptions = {}): string[] {
  const limit = Math.max(2, Math.floor(options.limit ?? TELEGRAM_TEXT_LIMIT));
  const parts: string[] = [];
  let current = "";
  let currentLength = 0;
  const add = (html: string, gap: string) => {
    const length = visibleLength(html);
    if (current !== "" && currentLength + gap.length + length <= limit) {
      current += gap + html;
      currentLength += gap.length + length;
      return;
    }
    if (current !== "") parts.push(current);
    const pieces = length <= limit ? [html] : splitHtml(html, limit);
    parts.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1] ?? "";
    currentLength = visibleLength(current);
  };
  for (const block of markdownToBlocks(markdown)) add(block.html, block.gap);
  if (current === "") return [];
  const footer = options.footer ?? "";
  if (currentLength + visibleLength(footer) <= limit) current += footer;
  else {
    parts.push(current);
    current = "";
    // On a message of its own, the footer's leading separator would only be blank space.
    add(footer.replace(/^\s+/, ""), "");
  }
  parts.push(current);
  return parts.filter((part) => visibleLength(part) > 0);
}

/**
 * Splits one valid HTML string into pieces of at most `limit` visible characters, preferring line
 * breaks, then spaces, then any character that does not break a surrogate pair or an emoji sequence.
 * Tags open at a cut are closed at the end of the piece and reopened, attributes and all, at the
 * start of the next, so a long code block becomes several `<pre>` blocks in the same language.
 */
export function splitHtml(html: string, limit: number): string[] {
  const tokens = tokenizeHtml(html);
  const pieces: string[] = [];
  let start = 0;
  let stack: OpenTag[] = [];
  while (start < tokens.length) {
    const cut = findCut(tokens, start, limit);
    const end = cut?.at ?? tokens.length;
    const endStack = replay(stack, tokens, start, end);
    const body =
      stack.map((t) => t.raw).join("") +
      tokens
        .slice(start, end)
        .map((t) => t.raw)
        .join("");
    const closing = endStack
      .map((t) => `</${t.name}>`)
      .reverse()
      .join("");
    const piece = removeEmptyElements(body + closing);
    if (visibleLength(piece) > 0) pieces.push(piece);
    if (cut === null) break;
    // A cut at whitespace drops that one character: it becomes the message boundary.
    start = cut.at + (cut.dropsWhitespace ? 1 : 0);
    stack = endStack;
  }
  return pieces;
}

type OpenTag = Extract<HtmlToken, { kind: "open" }>;

/** Where the piece starting at `start` must end (a token index), or null if the rest fits. */
function findCut(tokens: HtmlToken[], start: number, limit: number): { at: number; dropsWhitespace: boolean } | null {
  let visible = 0;
  let lastNewline = -1;
  let lastSpace = -1;
  for (let i = start; i < tokens.length; i += 1) {
    const token = tokens[i] as HtmlToken;
    if (token.kind !== "text") continue;
    if (visible + token.text.length > limit && visible > 0) {
      // Running into whitespace right at the limit is as good a boundary as an earlier one.
      if (token.text === "\n") lastNewline = i;
      else if (token.text === " " || token.text === "\t") lastSpace = i;
      if (lastNewline >= 0) return { at: lastNewline, dropsWhitespace: true };
      if (lastSpace >= 0) return { at: lastSpace, dropsWhitespace: true };
      return { at: graphemeSafe(tokens, start, i), dropsWhitespace: false };
    }
    // A cut is only useful with some text before it.
    if (visible > 0 && token.text === "\n") lastNewline = i;
    else if (visible > 0 && (token.text === " " || token.text === "\t")) lastSpace = i;
    visible += token.text.length;
  }
  return null;
}

/** Moves a hard cut back so it does not separate an emoji from its joiner, modifier or variation selector. */
function graphemeSafe(tokens: HtmlToken[], start: number, at: number): number {
  const binds = (t: HtmlToken | undefined) =>
    t?.kind === "text" && /^(?:\u200d|[\ufe00-\ufe0f]|\p{M}|[\u{1f3fb}-\u{1f3ff}])$/u.test(t.text);
  const joiner = (t: HtmlToken | undefined) => t?.kind === "text" && t.text === "\u200d";
  let cut = at;
  while (cut - 1 > start && (binds(tokens[cut]) || joiner(tokens[cut - 1]))) cut -= 1;
  return cut > start && tokens.slice(start, cut).some((t) => t.kind === "text") ? cut : at;
}

/** The open tags after tokens [from, to), starting from `stack`. */
function replay(stack: OpenTag[], tokens: HtmlToken[], from: number, to: number): OpenTag[] {
  const open = [...stack];
  for (let i = from; i < to; i += 1) {
    const token = tokens[i] as HtmlToken;
    if (token.kind === "open") open.push(token);
    else if (token.kind === "close") open.pop();
  }
  return open;
}

function removeEmptyElements(html: string): string {
  const empty = /<([a-z]+)(?:\s[^>]*)?><\/\1>/g;
  let previous = "";
  let result = html;
  while (result !== previous) {
    previous = result;
    result = result.replace(empty, "");
  }
  return result;
}
