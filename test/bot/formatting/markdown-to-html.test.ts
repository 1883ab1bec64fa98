import { describe, expect, it } from "vitest";
import { htmlToText } from "../../../src/bot/formatting/html.js";
import { safeHref } from "../../../src/bot/formatting/inline-markdown.js";
import { markdownToHtml } from "../../../src/bot/formatting/markdown-to-html.js";
import { randomMarkdown, seededRandom } from "./random-markdown.js";
import { validateTelegramHtml } from "./validate-html.js";

describe("markdownToHtml", () => {
  it.each([
    ["bold", "**bold** and __bold__", "<b>bold</b> and <b>bold</b>"],
    ["italic", "*it* and _it_", "<i>it</i> and <i>it</i>"],
    ["bold italic", "***both***", "<i><b>both</b></i>"],
    ["strike", "~~gone~~ but ~5 min", "<s>gone</s> but ~5 min"],
    ["inline code", "use `x < y && z`", "use <code>x &lt; y &amp;&amp; z</code>"],
    ["code with backticks", "`` a ` b ``", "<code>a ` b</code>"],
    ["markers inside code", "`**not bold**`", "<code>**not bold**</code>"],
    ["snake_case", "snake_case_name and my_var_2", "snake_case_name and my_var_2"],
    ["math", "2*3*4 = 24 and x**2 + y**2 and 5 * 3 * 2", "2*3*4 = 24 and x**2 + y**2 and 5 * 3 * 2"],
    ["CJK bold", "这是**粗体**文字", "这是<b>粗体</b>文字"],
    ["escaped markers", "\\*not italic\\* and \\_x\\_", "*not italic* and _x_"],
    ["link", "[site](https://example.com/a_b)", '<a href="https://example.com/a_b">site</a>'],
    ["link with &", "[q](https://x.io/?a=1&b=2)", '<a href="https://x.io/?a=1&amp;b=2">q</a>'],
    [
      "link with parentheses",
      "[wiki](https://en.wikipedia.org/wiki/Foo_(bar))",
      '<a href="https://en.wikipedia.org/wiki/Foo_(bar)">wiki</a>',
    ],
    ["link with title", '[t](https://a.io "Title")', '<a href="https://a.io">t</a>'],
    ["tg link", "[me](tg://user?id=42)", '<a href="tg://user?id=42">me</a>'],
    ["mailto link", "[mail](mailto:a@b.io)", '<a href="mailto:a@b.io">mail</a>'],
    ["javascript link", "[bad](javascript:alert(1))", "bad"],
    ["relative link", "[rel](./docs/file.md)", "rel"],
    ["image", "![chart](https://x.io/c.png)", '<a href="https://x.io/c.png">chart</a>'],
    ["autolink", "<https://x.io>", '<a href="https://x.io">https://x.io</a>'],
    ["formatted link", "[**bold** `code`](https://x.io)", '<a href="https://x.io"><b>bold</b> code</a>'],
    ["nested link", "[a [b](https://b.io)](https://a.io)", '<a href="https://a.io">a b</a>'],
    ["link in bold", "**see [docs](https://d.io)**", '<b>see <a href="https://d.io">docs</a></b>'],
    ["bare URL keeps its underscores", "see https://x.io/__init__/a_*b*_c.", "see https://x.io/__init__/a_*b*_c."],
    ["bare URL in bold", "**https://x.io/a_b** (https://x.io/f(1))", "<b>https://x.io/a_b</b> (https://x.io/f(1))"],
    ["heading", "# Title", "<b>Title</b>"],
    ["small heading with markup", "###### **Big** `x` ##", "<b>Big <code>x</code></b>"],
    ["setext heading", "Title\n=====", "<b>Title</b>"],
    ["hashtag is not a heading", "#hashtag", "#hashtag"],
    ["quote", "> quoted **b**\n> more", "<blockquote>quoted <b>b</b>\nmore</blockquote>"],
    ["nested quote flattened", "> a\n> > b", "<blockquote>a\nb</blockquote>"],
    [
      "code in quote",
      "> a\n> ```\n> x\n> ```\n> b",
      "<blockquote>a</blockquote>\n<pre>x</pre>\n<blockquote>b</blockquote>",
    ],
    ["bullets", "- a\n* b\n+ c", "• a\n• b\n• c"],
    ["nested bullets", "- a\n  - b\n    continued", "• a\n  • b\n    continued"],
    ["numbered", "1. one\n2) two **b**", "1. one\n2) two <b>b</b>"],
    ["task list", "- [ ] todo\n- [x] done", "• ☐ todo\n• ☑ done"],
    ["rule", "a\n\n---\n\n* * *", "a\n\n———\n\n———"],
    ["paragraphs keep their breaks", "one\ntwo\n\n\nthree", "one\ntwo\n\nthree"],
    ["html in text", "a <b>x</b> & <script>", "a &lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;"],
    ["entities stay literal", "&amp; &lt;", "&amp;amp; &amp;lt;"],
    ["unmatched bold", "**open and *half", "**open and *half"],
    ["unmatched code", "`tick", "`tick"],
    ["unmatched link", "[text]( and [x]", "[text]( and [x]"],
    ["crossed markers", "*a **b* c**", "<i>a b c</i>"],
    ["fence", "```ts\nconst a = 1 < 2;\n```", '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>'],
    ["fence without language", "```\nplain\n```", "<pre>plain</pre>"],
    ["tilde fence", "~~~py\nx\n~~~", '<pre><code class="language-py">x</code></pre>'],
    [
      "code is not reformatted",
      "```md\n  **not bold**  \n\tx_y_z\n\n# not heading\n```",
      '<pre><code class="language-md">  **not bold**  \n\tx_y_z\n\n# not heading</code></pre>',
    ],
    [
      "unterminated fence",
      "text\n```python\nprint(1)",
      'text\n<pre><code class="language-python">print(1)</code></pre>',
    ],
    [
      "indented fence in a list",
      "1. Run:\n   ```sh\n   npm test\n   ```",
      '1. Run:\n<pre><code class="language-sh">npm test</code></pre>',
    ],
    ["hostile language", '```"><b>\nx\n```', '<pre><code class="language-b">x</code></pre>'],
    ["empty fence dropped", "```\n```", ""],
    ["whitespace only", "  \n\t\n", ""],
  ])("%s", (_, markdown, html) => {
    expect(markdownToHtml(markdown)).toBe(html);
    expect(validateTelegramHtml(html)).toEqual([]);
  });

  it("renders tables as aligned <pre> text", () => {
    const markdown = [
      "| Model | Price | Note |",
      "|:--|--:|:-:|",
      "| **GPT** | 10 | `fast` |",
      "| Claude \\| Opus | 2 | a<b |",
    ].join("\n");
    expect(markdownToHtml(markdown)).toBe(
      [
        "<pre>Model         | Price | Note",
        "--------------|-------|-----",
        "GPT           |    10 | fast",
        "Claude | Opus |     2 | a&lt;b</pre>",
      ].join("\n"),
    );
  });

  it("keeps text around a table in their own blocks", () => {
    expect(markdownToHtml("Prices:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nDone.")).toBe(
      "Prices:\n\n<pre>a | b\n--|--\n1 | 2</pre>\n\nDone.",
    );
  });

  it("renders a typical answer", () => {
    const answer = [
      "## Summary",
      "",
      "Use **`Array.prototype.map`** when you need a *new* array:",
      "",
      "```js",
      "const doubled = xs.map((x) => x * 2); // <- no mutation",
      "```",
      "",
      "> Note: `map` skips holes.",
      "",
      "1. Fast",
      "2. Pure — see [MDN](https://developer.mozilla.org/)",
    ].join("\n");
    const html = markdownToHtml(answer);
    expect(html).toBe(
      [
        "<b>Summary</b>",
        "",
        "Use <b><code>Array.prototype.map</code></b> when you need a <i>new</i> array:",
        "",
        '<pre><code class="language-js">const doubled = xs.map((x) =&gt; x * 2); // &lt;- no mutation</code></pre>',
        "",
        "<blockquote>Note: <code>map</code> skips holes.</blockquote>",
        "",
        "1. Fast",
        '2. Pure — see <a href="https://developer.mozilla.org/">MDN</a>',
      ].join("\n"),
    );
  });

  it("never loses or invents visible characters outside markup", () => {
    const text = 'Plain text with <angle> & ampersand, 😀 emoji and "quotes".';
    expect(htmlToText(markdownToHtml(text))).toBe(text);
  });

  it("stays valid on random markdown-ish input", () => {
    const random = seededRandom(20260501);
    for (let n = 0; n < 3000; n += 1) {
      const markdown = randomMarkdown(random, 1 + Math.floor(random() * 160));
      const problems = validateTelegramHtml(markdownToHtml(markdown));
      if (problems.length > 0) throw new Error(`${JSON.stringify(markdown)}: ${problems.join("; ")}`);
    }
  });

  // Speed belongs in `npm run bench`; a timed assertion here failed CI on a loaded machine.
  it("stays valid on pathological input", () => {
    const inputs = [
      "[".repeat(20_000),
      "*a ".repeat(7000),
      "`` ` ".repeat(4000),
      "_".repeat(20_000),
      "> ".repeat(5000),
    ];
    for (const input of inputs) expect(validateTelegramHtml(markdownToHtml(input))).toEqual([]);
  });
});

describe("safeHref", () => {
  it.each([
    ["https://example.com/a?b=1&c=2#x", true],
    ["http://localhost:3000", true],
    ["https://пример.рф/путь", true],
    ["tg://user?id=1", true],
    ["mailto:a@b.io", true],
    ["javascript:alert(1)", false],
    ["ftp://x.io", false],
    ["/relative/path", false],
    ["https://", false],
    ["http:&x", false],
    ["tg://", false],
    ["mailto:nobody", false],
  ])("%s allowed: %s", (url, allowed) => {
    expect(safeHref(url) !== null).toBe(allowed);
  });
});
