/**
 * Small helpers for Telegram's HTML parse mode: escaping, measuring, and a tokenizer for the HTML
 * this folder produces. Telegram measures the 4096-character limit on the text it shows (tags
 * stripped, entities decoded) in UTF-16 code units, i.e. JavaScript `.length`.
 */

/** Escapes text for use between tags: `&`, `<`, `>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** Escapes text for use inside a double-quoted attribute (`href="…"`): `&`, `<`, `>`, `"`. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Decodes the entities Telegram understands (`&lt; &gt; &amp; &quot;` and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Strips tags and decodes entities: the text Telegram would show. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""));
}

/** Length of the text Telegram shows for `html`, in UTF-16 code units. */
export function visibleLength(html: string): number {
  return htmlToText(html).length;
}

/** One piece of an HTML string: a tag, or one visible character (an entity, a surrogate pair, or a unit). */
export type HtmlToken =
  | { kind: "open"; name: string; raw: string }
  | { kind: "close"; name: string; raw: string }
  | { kind: "text"; raw: string; text: string };

const TOKEN =
  /<(\/?)([a-z][a-z0-9-]*)(?:\s[^>]*)?>|&(?:#x[0-9a-f]+|#[0-9]+|[a-z]+);|[\ud800-\udbff][\udc00-\udfff]|[\s\S]/giy;

/** Splits HTML into tags and visible characters, so a cut can never fall inside a tag or an entity. */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
    const raw = m[0];
    const name = m[2];
    if (name !== undefined) {
      tokens.push({ kind: m[1] === "/" ? "close" : "open", name: name.toLowerCase(), raw });
    } else {
      tokens.push({ kind: "text", raw, text: raw[0] === "&" ? decodeEntities(raw) : raw });
    }
  }
  return tokens;
}
