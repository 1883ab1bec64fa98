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
});
