import { describe, expect, it } from "vitest";
import { htmlToText, visibleLength } from "../../../src/bot/formatting/html.js";
import { markdownToHtml } from "../../../src/bot/formatting/markdown-to-html.js";
import { renderAnswer, splitHtml } from "../../../src/bot/formatting/split-message.js";
import { randomMarkdown, seededRandom } from "./random-markdown.js";
import { validateTelegramHtml } from "./validate-html.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const squash = (text: string) => text.replace(/\s+/g, "");

/** Every part valid, within the limit, with no broken characters, and together showing all the text. */
function expectWellSplit(parts: string[], limit: number, wholeHtml: string): void {
  for (const part of parts) {
    expect(validateTelegramHtml(part)).toEqual([]);
    expect(visibleLength(part)).toBeLessThanOrEqual(limit);
    expect(visibleLength(part)).toBeGreaterThan(0);
    expect(htmlToText(part)).not.toMatch(LONE_SURROGATE);
  }
  expect(squash(parts.map(htmlToText).join(""))).toBe(squash(htmlToText(wholeHtml)));
}

function longAnswer(): string {
  const paragraph = (n: number) =>
    `Paragraph ${n} explains **step ${n}** with \`code_${n}\`, a [link](https://example.com/${n}?a=1&b=2) and 1 < 2 & 3 > 2.`;
  const code = Array.from({ length: 160 }, (_, i) => `    result_${i} = compute(${i}) * 2  # <${i}> & done`).join("\n");
  return [
    "# Long answer",
    ...Array.from({ length: 12 }, (_, i) => paragraph(i)),
    "```python",
    "def main():",
    code,
    "```",
    ...Array.from({ length: 10 }, (_, i) => `- item ${i}: _detail_ ${"word ".repeat(10)}`).join("\n"),
    "> A closing quote with **bold** text.",
    "```ts\nconst short = 1;\n```",
  ].join("\n\n");
}

describe("renderAnswer", () => {
  it("returns no parts for empty or whitespace-only input", () => {
    expect(renderAnswer("")).toEqual([]);
    expect(renderAnswer(" \n\t\n  ", { footer: "<i>footer</i>" })).toEqual([]);
  });

  it("sends a short answer as one part equal to markdownToHtml", () => {
    const markdown = "# Hi\n\nSome **bold** and `code`.";
    expect(renderAnswer(markdown)).toEqual([markdownToHtml(markdown)]);
  });

  it("splits a 10,000-character answer with code blocks within Telegram's limit", () => {
    const markdown = longAnswer();
    expect(markdown.length).toBeGreaterThan(10_000);
    const parts = renderAnswer(markdown);
    expect(parts.length).toBeGreaterThan(2);
    expectWellSplit(parts, 4096, markdownToHtml(markdown));
    // The long code block is cut at line ends into closed blocks reopened with the same language.
    const codeParts = parts.filter((p) => p.includes("result_"));
    expect(codeParts.length).toBeGreaterThan(1);
    for (const part of codeParts) {
      expect(part).toMatch(/^<pre><code class="language-python">[\s\S]*<\/code><\/pre>/);
      for (const line of htmlToText(part)
        .split("\n")
        .filter((l) => l.includes("result_"))) {
        expect(line).toMatch(/^ {4}result_\d+ = compute\(\d+\) \* 2 {2}# <\d+> & done$/);
      }
    }
  });

  it("packs whole blocks and starts a new part rather than cutting one that fits", () => {
    const para = (c: string) => c.repeat(40);
    const parts = renderAnswer([para("a"), para("b"), para("c")].join("\n\n"), { limit: 100 });
    expect(parts).toEqual([`${para("a")}\n\n${para("b")}`, para("c")]);
  });

  it("splits a long paragraph at spaces, never inside a word", () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const parts = renderAnswer(words.join(" "), { limit: 200 });
    expectWellSplit(parts, 200, words.join(" "));
    expect(parts.flatMap((p) => p.split(" "))).toEqual(words);
  });

  it("prefers line breaks over spaces", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i} has a few words`);
    const parts = renderAnswer(lines.join("\n"), { limit: 100 });
    expect(parts.flatMap((p) => p.split("\n"))).toEqual(lines);
  });

  it("cuts a word with no spaces hard", () => {
    const parts = renderAnswer("x".repeat(5000));
    expect(parts.map(visibleLength)).toEqual([4096, 904]);
  });

  it("keeps formatting open across a cut by closing and reopening it", () => {
    const markdown = `**${"bold words ".repeat(50).trim()}**`;
    const parts = renderAnswer(markdown, { limit: 120 });
    expectWellSplit(parts, 120, markdownToHtml(markdown));
    for (const part of parts) expect(part).toMatch(/^<b>.*<\/b>$/);
  });

  it("splits a long quote into several closed quotes", () => {
    const markdown = Array.from({ length: 40 }, (_, i) => `> quoted line ${i}`).join("\n");
    const parts = renderAnswer(markdown, { limit: 150 });
    expectWellSplit(parts, 150, markdownToHtml(markdown));
    for (const part of parts) expect(part).toMatch(/^<blockquote>[^<]*<\/blockquote>$/);
  });

  it("counts entities as one character and never cuts inside one", () => {
    const markdown = "<&>".repeat(3000);
    const parts = renderAnswer(markdown);
    expectWellSplit(parts, 4096, markdownToHtml(markdown));
    expect(parts.map(visibleLength)).toEqual([4096, 4096, 808]);
    expect(parts[0]?.length).toBeGreaterThan(4096);
  });

  it("measures emoji in UTF-16 units and never splits a surrogate pair", () => {
    const markdown = "😀".repeat(3000);
    const parts = renderAnswer(markdown);
    expectWellSplit(parts, 4096, markdown);
    expect(parts.map(visibleLength)).toEqual([4096, 1904]);
    const odd = renderAnswer(`a${"😀".repeat(100)}`, { limit: 50 });
    expect(odd.map(visibleLength)).toEqual([49, 50, 50, 50, 2]);
    expectWellSplit(odd, 50, `a${"😀".repeat(100)}`);
  });

  it("does not split an emoji sequence from its joiners", () => {
    const family = "👨‍👩‍👧";
    const parts = renderAnswer(family.repeat(100), { limit: 64 });
    expectWellSplit(parts, 64, family.repeat(100));
    for (const part of parts) expect(part.length % family.length).toBe(0);
  });

  it("appends the footer verbatim to the last part when it fits, counted in its length", () => {
    const footer = "\n\n<i>−12 tokens</i>";
    const room = 100 - visibleLength(footer);
    expect(renderAnswer("a".repeat(room), { limit: 100, footer })).toEqual([`${"a".repeat(room)}${footer}`]);
  });

  it("sends the footer as a part of its own when it does not fit", () => {
    const footer = "\n\n<i>−12 tokens</i>";
    const room = 100 - visibleLength(footer);
    expect(renderAnswer("a".repeat(room + 1), { limit: 100, footer })).toEqual([
      "a".repeat(room + 1),
      "<i>−12 tokens</i>",
    ]);
  });

  it("splits a footer longer than the limit like any other block", () => {
    const parts = renderAnswer("answer", { limit: 20, footer: `\n<i>${"tok ".repeat(10).trim()}</i>` });
    expect(parts).toEqual(["answer", "<i>tok tok tok tok tok</i>", "<i>tok tok tok tok tok</i>"]);
  });

  it("adds the footer after the last of several parts", () => {
    const parts = renderAnswer(longAnswer(), { footer: '\n\n<a href="https://t.me/bot">more</a>' });
    expect(parts[parts.length - 1]).toMatch(/\n\n<a href="https:\/\/t.me\/bot">more<\/a>$/);
    for (const part of parts) expect(visibleLength(part)).toBeLessThanOrEqual(4096);
  });

  it("stays valid and complete on random input with small limits", () => {
    const random = seededRandom(7);
    for (let n = 0; n < 1500; n += 1) {
      const markdown = randomMarkdown(random, 1 + Math.floor(random() * 200));
      const limit = 8 + Math.floor(random() * 80);
      const parts = renderAnswer(markdown, { limit });
      try {
        expectWellSplit(parts, limit, markdownToHtml(markdown));
      } catch (error) {
        throw new Error(`limit ${limit}, input ${JSON.stringify(markdown)}: ${String(error)}`);
      }
    }
  });
});

describe("splitHtml", () => {
  it("reopens a code block with its language", () => {
    const html = '<pre><code class="language-sql">SELECT 1;\nSELECT 2;\nSELECT 3;</code></pre>';
    expect(splitHtml(html, 20)).toEqual([
      '<pre><code class="language-sql">SELECT 1;\nSELECT 2;</code></pre>',
      '<pre><code class="language-sql">SELECT 3;</code></pre>',
    ]);
  });

  it("does not leave empty elements at a cut", () => {
    expect(splitHtml("aaaa <b>bbbb</b>", 4)).toEqual(["aaaa", "<b>bbbb</b>"]);
  });
});
