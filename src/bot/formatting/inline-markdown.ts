import { escapeAttribute, escapeHtml } from "./html.js";

/**
 * Inline Markdown (code spans, links, emphasis) to Telegram HTML. Emphasis follows CommonMark's
 * delimiter rules, so unmatched markers stay literal and tags always nest; on top of that a single
 * `*` between two ASCII letters or digits is never emphasis, so `2*3*4` and `x**2 + y**2` stay math.
 */

type Tag = "b" | "i" | "s";
type Delimiter = { t: "delim"; ch: "*" | "_" | "~"; count: number; orig: number; canOpen: boolean; canClose: boolean };
type Inline =
  | { t: "text"; s: string }
  | { t: "code"; s: string }
  | { t: "link"; href: string | null; children: Inline[] }
  | { t: "em"; tag: Tag; children: Inline[] }
  | Delimiter;

/** What the surrounding tags already are: Telegram forbids links and code inside a link. */
export interface InlineContext {
  b?: boolean;
  i?: boolean;
  s?: boolean;
  a?: boolean;
}

/** Renders one paragraph, list item or heading of inline Markdown as Telegram HTML. */
export function renderInline(markdown: string, context: InlineContext = {}): string {
  return render(parseInline(markdown), context);
}

/** The text a reader sees for inline Markdown, without any markup (used inside `<pre>` tables). */
export function inlineToPlainText(markdown: string): string {
  const plain = (nodes: Inline[]): string =>
    nodes.map((n) => (n.t === "text" || n.t === "code" ? n.s : n.t === "delim" ? "" : plain(n.children))).join("");
  return plain(parseInline(markdown));
}

/** A URL Telegram accepts in `<a href>`; anything else (javascript:, relative paths) is dropped. */
export function safeHref(url: string): string | null {
  if (/[\s<>"\u0000-\u001f]/.test(url)) return null;
  if (/^tg:\/\/\w/i.test(url) || /^mailto:[^@]+@[^@]+$/i.test(url)) return url;
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    // A real host name or IP literal: Telegram refuses links like "http://&x".
    return /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(new URL(url).hostname) ? url : null;
  } catch {
    return null;
  }
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const MAX_LINK_SCAN = 2000;

function parseInline(src: string): Inline[] {
  const nodes: Inline[] = [];
  let buf = "";
  const flush = () => {
    if (buf !== "") nodes.push({ t: "text", s: buf });
    buf = "";
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const next = src[i + 1];
    if (c === "\\" && next !== undefined && ASCII_PUNCTUATION.test(next)) {
      buf += next;
      i += 2;
    } else if (c === "`") {
      const span = matchCodeSpan(src, i);
      if (span.content !== null) {
        flush();
        nodes.push({ t: "code", s: span.content });
      } else {
        buf += src.slice(i, span.end);
      }
      i = span.end;
    } else if (c === "[" || (c === "!" && next === "[")) {
      const link = matchLink(src, c === "!" ? i + 1 : i);
      if (link === null) {
        buf += c;
        i += 1;
        continue;
      }
      flush();
      const children = parseInline(link.label);
      const href = safeHref(link.url);
      const empty = children.length === 0;
      nodes.push({ t: "link", href, children: empty ? [{ t: "text", s: href ?? "" }] : children });
      i = link.end;
    } else if (c === "<") {
      const auto = /^<((?:https?|tg|mailto):[^\s<>]+)>/i.exec(src.slice(i, i + MAX_LINK_SCAN));
      const href = auto?.[1] === undefined ? null : safeHref(auto[1]);
      if (auto === null || href === null) {
        buf += c;
        i += 1;
        continue;
      }
      flush();
      nodes.push({ t: "link", href, children: [{ t: "text", s: href }] });
      i += auto[0].length;
    } else if (c === "h" && !ASCII_ALNUM.test(src[i - 1] ?? "") && /^https?:\/\//.test(src.slice(i, i + 8))) {
      // Bare URLs stay as written (Telegram links them itself): `_` or `*` inside must not become emphasis.
      const url = bareUrl(src.slice(i, i + MAX_LINK_SCAN));
      buf += url;
      i += url.length;
    } else if (c === "*" || c === "_" || c === "~") {
      let end = i;
      while (src[end] === c) end += 1;
      const count = end - i;
      if (c === "~" && count !== 2) {
        buf += src.slice(i, end);
      } else {
        flush();
        nodes.push(delimiter(c, count, src[i - 1], src[end]));
      }
      i = end;
    } else {
      buf += c;
      i += 1;
    }
  }
  flush();
  return processEmphasis(nodes);
}

/** The URL at the start of `text`, without the trailing punctuation that usually ends a sentence. */
function bareUrl(text: string): string {
  let url = /^[^\s<>]*/.exec(text)?.[0] ?? "";
  for (;;) {
    const trimmed = url.replace(/[.,:;!?'"*_~]+$/, "");
    const unbalanced = trimmed.endsWith(")") && trimmed.split(")").length > trimmed.split("(").length;
    const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
    if (next === url) return url;
    url = next;
  }
}

function delimiter(
  ch: "*" | "_" | "~",
  count: number,
  before: string | undefined,
  after: string | undefined,
): Delimiter {
  const wsBefore = before === undefined || WHITESPACE.test(before);
  const wsAfter = after === undefined || WHITESPACE.test(after);
  const punctBefore = before !== undefined && PUNCTUATION.test(before);
  const punctAfter = after !== undefined && PUNCTUATION.test(after);
  const left = !wsAfter && (!punctAfter || wsBefore || punctBefore);
  const right = !wsBefore && (!punctBefore || wsAfter || punctAfter);
  let canOpen = left;
  let canClose = right;
  if (ch === "_") {
    canOpen = left && (!right || punctBefore);
    canClose = right && (!left || punctAfter);
  } else if (left && right && ASCII_ALNUM.test(before ?? "") && ASCII_ALNUM.test(after ?? "")) {
    // 2*3*4, x**2, a~~b: intraword markers between ASCII letters or digits are arithmetic, not emphasis.
    canOpen = false;
    canClose = false;
  }
  return { t: "delim", ch, count, orig: count, canOpen, canClose };
}

function matchCodeSpan(src: string, start: number): { content: string | null; end: number } {
  let open = start;
  while (src[open] === "`") open += 1;
  const n = open - start;
  let from = open;
  for (;;) {
    const at = src.indexOf("`", from);
    if (at < 0) return { content: null, end: open };
    let close = at;
    while (src[close] === "`") close += 1;
    if (close - at === n) {
      let content = src.slice(open, at).replace(/\n/g, " ");
      if (/^ .*[^ ].* $/s.test(content)) content = content.slice(1, -1);
      return { content, end: close };
    }
    from = close;
  }
}

/** `[label](url "title")` starting at `start` (the `[`), or null. */
function matchLink(src: string, start: number): { label: string; url: string; end: number } | null {
  const limit = Math.min(src.length, start + MAX_LINK_SCAN);
  let depth = 0;
  let i = start;
  for (; i < limit; i += 1) {
    const c = src[i];
    if (c === "\\") i += 1;
    else if (c === "`") i = matchCodeSpan(src, i).end - 1;
    else if (c === "[") depth += 1;
    else if (c === "]" && --depth === 0) break;
  }
  if (depth !== 0 || i >= limit || src[i + 1] !== "(") return null;
  const label = src.slice(start + 1, i);
  const rest =
    /^\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/.exec(
      src.slice(i + 1, i + 1 + MAX_LINK_SCAN),
    );
  if (rest === null) return null;
  const url = (rest[1] ?? rest[2] ?? "").replace(/\\([!-/:-@[-`{-~])/g, "$1");
  return { label, url, end: i + 1 + rest[0].length };
}

/** CommonMark's "process emphasis" over a doubly linked list of the parsed nodes. */
function processEmphasis(nodes: Inline[]): Inline[] {
  type Entry = { node: Inline; prev: Entry | null; next: Entry | null };
  const head: Entry = { node: { t: "text", s: "" }, prev: null, next: null };
  let tail = head;
  for (const node of nodes) {
    const entry: Entry = { node, prev: tail, next: null };
    tail.next = entry;
    tail = entry;
  }
  const remove = (e: Entry) => {
    if (e.prev) e.prev.next = e.next;
    if (e.next) e.next.prev = e.prev;
  };
  const bottoms = new Map<string, Entry>();
  let closer = head.next;
  while (closer !== null) {
    const c = closer.node;
    if (c.t !== "delim" || !c.canClose) {
      closer = closer.next;
      continue;
    }
    const key = `${c.ch}${c.canOpen ? 1 : 0}${c.orig % 3}`;
    const bottom = bottoms.get(key) ?? head;
    let opener = closer.prev;
    for (; opener !== null && opener !== bottom; opener = opener.prev) {
      const o = opener.node;
      if (o.t !== "delim" || o.ch !== c.ch || !o.canOpen) continue;
      const oddMatch =
        (c.canOpen || o.canClose) && (o.orig + c.orig) % 3 === 0 && !(o.orig % 3 === 0 && c.orig % 3 === 0);
      if (!oddMatch || c.ch === "~") break;
    }
    if (opener === null || opener === bottom || opener.node.t !== "delim") {
      bottoms.set(key, closer.prev ?? head);
      closer = closer.next;
      continue;
    }
    const o = opener.node;
    const use = c.ch === "~" || (o.count >= 2 && c.count >= 2) ? 2 : 1;
    const children: Inline[] = [];
    for (let e = opener.next; e !== null && e !== closer; e = e.next) {
      children.push(e.node.t === "delim" ? { t: "text", s: e.node.ch.repeat(e.node.count) } : e.node);
    }
    const tag: Tag = c.ch === "~" ? "s" : use === 2 ? "b" : "i";
    const em: Entry = { node: { t: "em", tag, children }, prev: opener, next: closer };
    opener.next = em;
    closer.prev = em;
    o.count -= use;
    c.count -= use;
    if (o.count === 0) remove(opener);
    if (c.count === 0) {
      remove(closer);
      closer = closer.next;
    }
  }
  const out: Inline[] = [];
  for (let e = head.next; e !== null; e = e.next) {
    out.push(e.node.t === "delim" ? { t: "text", s: e.node.ch.repeat(e.node.count) } : e.node);
  }
  return out;
}

function render(nodes: Inline[], ctx: InlineContext): string {
  let html = "";
  for (const node of nodes) {
    if (node.t === "text") html += escapeHtml(node.s);
    else if (node.t === "code") html += ctx.a ? escapeHtml(node.s) : `<code>${escapeHtml(node.s)}</code>`;
    else if (node.t === "link") {
      html +=
        node.href === null || ctx.a
          ? render(node.children, ctx)
          : `<a href="${escapeAttribute(node.href)}">${render(node.children, { ...ctx, a: true })}</a>`;
    } else if (node.t === "em") {
      // Telegram would accept <b> inside <b>, but it adds nothing; keep the markup minimal.
      const inner = render(node.children, { ...ctx, [node.tag]: true });
      html += ctx[node.tag] ? inner : `<${node.tag}>${inner}</${node.tag}>`;
    } else html += escapeHtml(node.ch.repeat(node.count));
  }
  return html;
}
