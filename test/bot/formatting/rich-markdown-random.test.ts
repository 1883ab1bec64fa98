import { describe, expect, it } from "vitest";
import { prepareRichMarkdown, splitRichMarkdown } from "../../../src/bot/formatting/rich-markdown.js";
import { checkRichMessage } from "../../support/telegram/rich-check.js";

/** Pieces that models and users type: Markdown and HTML metacharacters, odd Unicode, control characters. */
const PIECES = [
  "word ",
  "\u202e",
  "\u0007",
  "NaN",
  "{",
  "}",
  "!",
  "+",
  ".",
  "\t",
  "𓍌",
  "&amp;",
  "http://x.y",
  "1.",
  "* ",
  "> ",
  "$$",
  "_",
  "*",
  "`",
  "$",
  "<",
  ">",
  "&",
  "[",
  "]",
  "(",
  ")",
  "~",
  "|",
  "=",
  "\n",
  " ",
  "a",
  "#",
  "-",
  "\\",
  "<i>",
  "</i>",
  "```",
  "||",
  "==",
  "``",
  "`Vec<T>`",
  "``a`<b>``",
  "`x|<i>`",
  "\\`",
  "\\<",
  "<T>",
  "&nope;",
  "$a<b$",
  "$x`<i>$",
  "```js`",
  "- ",
  "| ",
  "|---|",
  "${",
  "`$<x>`",
];

describe("rich Markdown from random text", () => {
  it("is always accepted by the Bot API's rich parser", () => {
    let state = 20261202;
    const next = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state;
    };
    for (let n = 0; n < 30_000; n++) {
      let text = "";
      for (let i = 1 + (next() % 30); i > 0; i--) text += PIECES[next() % PIECES.length];
      for (const piece of splitRichMarkdown(prepareRichMarkdown(text), "<footer>— gpt-5-nano</footer>")) {
        expect(() => checkRichMessage({ markdown: piece }, false), JSON.stringify(text)).not.toThrow();
      }
    }
  });

  it("keeps every code span as typed when each line pairs its own backticks", () => {
    const spans = ["`Vec<T>`", "``a ` <b> c``", "`HashMap<K, &V>`", "`&lt;`", "`<i>`", "```<br>```"];
    const prose = ["word ", "<", "&", "<i>", "\n", "- ", "> ", "# ", "$5 ", "\\<", "*", "|", "\n\n"];
    let state = 20261203;
    const next = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state;
    };
    for (let n = 0; n < 5_000; n++) {
      const used: string[] = [];
      let text = "";
      for (let i = 1 + (next() % 12); i > 0; i--) {
        const span = next() % 3 === 0 ? spans[next() % spans.length] : undefined;
        if (span !== undefined) used.push(span);
        // A space keeps a span from touching another's backticks.
        text += span === undefined ? prose[next() % prose.length] : ` ${span} `;
      }
      const prepared = prepareRichMarkdown(text);
      let from = 0;
      for (const span of used) {
        const at = prepared.indexOf(span, from);
        expect(at, JSON.stringify(text)).toBeGreaterThanOrEqual(0);
        from = at + span.length;
      }
      if (prepared.trim() !== "")
        expect(() => checkRichMessage({ markdown: prepared }, false), JSON.stringify(text)).not.toThrow();
    }
  });
});
