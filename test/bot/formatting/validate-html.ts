/**
 * A strict checker for the Telegram HTML our formatter may produce: only `b i s u code pre a
 * blockquote`, balanced and properly nested, Telegram's nesting rules (nothing inside code, only
 * code inside pre, no links or code inside links, no nested quotes, pre never inside another tag),
 * and only the `&lt; &gt; &amp; &quot;` entities. Returns the problems found; [] means valid.
 */
const ALLOWED = new Set(["b", "i", "s", "u", "code", "pre", "a", "blockquote"]);
const TAG = /^<(\/?)([a-z]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>$/;
const HREF = /^(?:https?:\/\/[^\s]+|tg:\/\/[^\s]+|mailto:[^\s]+)$/i;

export function validateTelegramHtml(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === "<") {
      const end = html.indexOf(">", i);
      const raw = end < 0 ? html.slice(i) : html.slice(i, end + 1);
      i = end < 0 ? html.length : end + 1;
      const m = TAG.exec(raw);
      if (m === null) {
        problems.push(`malformed tag ${JSON.stringify(raw)}`);
        continue;
      }
      const [, slash, name = "", attrs = ""] = m;
      if (!ALLOWED.has(name)) problems.push(`tag <${name}> is not allowed`);
      if (slash === "/") {
        const top = stack.pop();
        if (top !== name) problems.push(`</${name}> closes <${top ?? "nothing"}>`);
        continue;
      }
      problems.push(...checkOpen(name, attrs.trim(), stack));
      stack.push(name);
    } else if (c === "&") {
      const entity = /^&(?:lt|gt|amp|quot);/.exec(html.slice(i, i + 6))?.[0];
      if (entity === undefined) problems.push(`bare & at ${i}`);
      i += entity?.length ?? 1;
    } else {
      if (c === ">") problems.push(`raw > at ${i}`);
      i += 1;
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.map((t) => `<${t}>`).join("")}`);
  return problems;
}

function checkOpen(name: string, attrs: string, stack: string[]): string[] {
  const problems: string[] = [];
  const parent = stack[stack.length - 1];
  const inside = (tag: string) => stack.includes(tag);
  if (name === "a") {
    const href = /^href="([^"]*)"$/.exec(attrs)?.[1];
    const decoded = href
      ?.replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    if (decoded === undefined || !HREF.test(decoded)) problems.push(`bad link attributes ${attrs}`);
  } else if (name === "code" && attrs !== "") {
    if (parent !== "pre" || !/^class="language-[\w#+.-]+"$/.test(attrs)) problems.push(`bad code attributes ${attrs}`);
  } else if (attrs !== "") problems.push(`<${name}> takes no attributes`);
  if (inside(name)) problems.push(`<${name}> nested in itself`);
  if (inside("code")) problems.push(`<${name}> inside <code>`);
  if (parent === "pre" && name !== "code") problems.push(`<${name}> inside <pre>`);
  if (name === "pre" && stack.length > 0) problems.push(`<pre> inside <${stack.join("><")}>`);
  if (inside("a") && (name === "code" || name === "blockquote")) problems.push(`<${name}> inside a link`);
  if (name === "blockquote" && stack.length > 0) problems.push(`<blockquote> inside <${stack.join("><")}>`);
  return problems;
}
