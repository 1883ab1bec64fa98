import { describe, expect, it } from "vitest";
import {
  decodeEntities,
  escapeAttribute,
  escapeHtml,
  tokenizeHtml,
  visibleLength,
} from "../../../src/bot/formatting/html.js";
import { validateTelegramHtml } from "./validate-html.js";

describe("escaping", () => {
  it('escapes & < > in text and also " in attributes', () => {
    expect(escapeHtml(`a < b && c > "d"`)).toBe(`a &lt; b &amp;&amp; c &gt; "d"`);
    expect(escapeAttribute(`https://x.io/?q="a"&b=<c>`)).toBe("https://x.io/?q=&quot;a&quot;&amp;b=&lt;c&gt;");
  });

  it("round-trips through decodeEntities", () => {
    const text = `&amp; literally, <tag>, "quotes" & 😀`;
    expect(decodeEntities(escapeAttribute(text))).toBe(text);
  });
});

describe("visibleLength", () => {
  it.each([
    ["plain", 5],
    ["<b>bold</b>", 4],
    ["&lt;&gt;&amp;&quot;", 4],
    ['<a href="https://example.com/?a=1&amp;b=2">x</a>', 1],
    ["😀", 2],
    ["&#128512;", 2],
    ['<pre><code class="language-ts">a\nb</code></pre>', 3],
    ["", 0],
  ])("%j is %i UTF-16 units", (html, length) => {
    expect(visibleLength(html)).toBe(length);
  });
});

describe("tokenizeHtml", () => {
  it("keeps tags, entities and surrogate pairs whole", () => {
    expect(tokenizeHtml("<b>&lt;😀</b>").map((t) => t.raw)).toEqual(["<b>", "&lt;", "😀", "</b>"]);
  });
});

describe("the test validator", () => {
  it.each([
    ["<b>x</b>", true],
    ['<pre><code class="language-py">x</code></pre>', true],
    ['<a href="https://a.b">x <b>y</b></a>', true],
    ["<blockquote>q <code>c</code></blockquote>", true],
    ["<b>x", false],
    ["<b><i>x</b></i>", false],
    ["<div>x</div>", false],
    ["<code><b>x</b></code>", false],
    ['<a href="https://a.b"><a href="https://c.d">x</a></a>', false],
    ['<a href="javascript:alert(1)">x</a>', false],
    ["<blockquote><pre>x</pre></blockquote>", false],
    ["a & b", false],
    ["a &nbsp; b", false],
    ["a > b", false],
  ])("%j valid: %s", (html, valid) => {
    expect(validateTelegramHtml(html).length === 0).toBe(valid);
  });
});
