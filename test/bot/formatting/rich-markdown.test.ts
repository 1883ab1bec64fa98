import { describe, expect, it } from "vitest";
import {
  prepareRichMarkdown,
  RICH_LIMITS,
  richLength,
  splitRichMarkdown,
} from "../../../src/bot/formatting/rich-markdown.js";
import { checkRichMessage } from "../../support/telegram/rich-check.js";

/** Each part is a rich message the emulator accepts (limits, tags, blocks). */
function expectSendable(parts: string[]) {
  for (const part of parts) expect(() => checkRichMessage({ markdown: part }, false)).not.toThrow();
}

describe("prepareRichMarkdown", () => {
  it("escapes < and & in prose but leaves code spans, fences and formulas as written", () => {
    const source = [
      "Use `Vec<T> && x` when 1 < 2 & <b>bold</b>.",
      "Inline $a < b$ and $$c < d$$ stay.",
      "```rust",
      "let v: Vec<u8> = a && b;",
      "```",
      "$$",
      "x < y & z",
      "$$",
      "After <tag> & more.",
    ].join("\n");
    expect(prepareRichMarkdown(source)).toBe(
      [
        "Use `Vec<T> && x` when 1 &lt; 2 &amp; &lt;b>bold&lt;/b>.",
        "Inline $a < b$ and $$c < d$$ stay.",
        "```rust",
        "let v: Vec<u8> = a && b;",
        "```",
        "$$",
        "x < y & z",
        "$$",
        "After &lt;tag> &amp; more.",
      ].join("\n"),
    );
  });

  it("shows inline code verbatim, however many backticks delimit it", () => {
    const verbatim = [
      "`Vec<T>`",
      "``a ` <b> c``, `HashMap<K, V>` and `&lt;` as typed",
      "- item `Option<&str>`",
      "> quoted `<div>`",
      "# Heading `Box<dyn Error>`",
      "```<br>``` inline, not a fence",
    ];
    for (const line of verbatim) expect(prepareRichMarkdown(line)).toBe(line);
    // A backslash escape is already literal: `\<b>` shows `<b>`, and `\`` is no code span.
    expect(prepareRichMarkdown("\\<b> and \\`<i>` stay")).toBe("\\<b> and \\`&lt;i>` stay");
  });

  it("escapes what a parser could read either way: unpaired backticks, a code span across a table cell, a formula with a backtick", () => {
    // Unpaired on one line: Telegram may pair it with a backtick on the next line, so nothing is verbatim.
    expect(prepareRichMarkdown("one ` tick\nthen `<T>` & more")).toBe("one ` tick\nthen `&lt;T>` &amp; more");
    // The paragraph ended: the next one stands alone.
    expect(prepareRichMarkdown("one ` tick\n\n`<T>`")).toBe("one ` tick\n\n`<T>`");
    expect(prepareRichMarkdown("| a | `x|<b>` |\n|---|---|")).toBe("| a | `x|&lt;b>` |\n|---|---|");
    // In a formula a space after `<` changes nothing, and keeps it from reading as a tag anywhere.
    expect(prepareRichMarkdown("$a<b$ and $x`<y$ `")).toBe("$a< b$ and $x`< y$ `");
    expect(prepareRichMarkdown("$a<b$ $c</d$")).toBe("$a< b$ $c< /d$");
    // A `$` left open on one line may close on the next inside a code span, which the formula then swallows.
    expect(prepareRichMarkdown("${\n`$<x>`")).toBe("${\n`$&lt;x>`");
    expectSendable([prepareRichMarkdown("${\n`$<x>`"), prepareRichMarkdown("b```w```$d\n```$` ```0`<b>`")]);
    // Where no formula can close across the line, the code span stays as typed.
    expect(prepareRichMarkdown("costs $5\n`Vec<T>`")).toBe("costs $5\n`Vec<T>`");
  });

  it("does not mistake prices for formulas", () => {
    expect(prepareRichMarkdown("It costs $ 5 < $ 10 & more")).toBe("It costs $ 5 &lt; $ 10 &amp; more");
  });
});

describe("splitRichMarkdown", () => {
  it("keeps an answer that fits in one message, with the footer as its last block", () => {
    const markdown = "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nx()\n```";
    const parts = splitRichMarkdown(markdown, "<footer>— 1 🪙</footer>");
    expect(parts).toEqual([`${markdown}\n\n<footer>— 1 🪙</footer>`]);
    expectSendable(parts);
  });

  it("cuts past the character limit only between blocks", () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${"x".repeat(1000)} end ${i}.`);
    const parts = splitRichMarkdown(paragraphs.join("\n\n"));
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(richLength(part)).toBeLessThanOrEqual(RICH_LIMITS.characters);
      expect(part).toMatch(/^Paragraph \d+ .* end \d+\.$/s);
    }
    expect(parts.join("\n\n")).toBe(paragraphs.join("\n\n"));
    expectSendable(parts);
  });

  it("cuts past the block limit: a long table keeps its header in every piece", () => {
    const rows = Array.from({ length: 700 }, (_, i) => `| ${i} | v${i} |`);
    const parts = splitRichMarkdown(["| n | v |", "|---|---|", ...rows].join("\n"));
    expect(parts.length).toBe(2);
    for (const part of parts) expect(part.startsWith("| n | v |\n|---|---|\n")).toBe(true);
    expect(parts.join("\n")).toContain("| 699 | v699 |");
    expectSendable(parts);
  });

  it("cuts a long list between items within 500 blocks", () => {
    const items = Array.from({ length: 1200 }, (_, i) => `- item ${i}`);
    const parts = splitRichMarkdown(items.join("\n"));
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.flatMap((p) => p.split("\n"))).toEqual(items);
    expectSendable(parts);
  });

  it("cuts a code block too long for one message into fenced pieces in the same language", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `print(${i})  # a line of code that is long enough`);
    const parts = splitRichMarkdown(["```python", ...lines, "```"].join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.startsWith("```python\n")).toBe(true);
      expect(part.endsWith("\n```")).toBe(true);
      expect(richLength(part)).toBeLessThanOrEqual(RICH_LIMITS.characters);
    }
    expectSendable(parts);
  });

  it("hard-cuts one enormous line without breaking characters", () => {
    const parts = splitRichMarkdown("😀".repeat(40_000), undefined, { characters: 1000, blocks: 500 });
    expect(parts.join("")).toBe("😀".repeat(40_000));
    for (const part of parts) {
      expect(part).toMatch(/^(😀)+$/u);
      expect(richLength(part)).toBeLessThanOrEqual(1000);
    }
  });

  it("respects smaller limits, counting the footer", () => {
    const parts = splitRichMarkdown("a\n\nb\n\nc", "<footer>f</footer>", { characters: 100, blocks: 2 });
    expect(parts).toEqual(["a\n\nb", "c\n\n<footer>f</footer>"]);
  });
});
