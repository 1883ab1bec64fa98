/** Deterministic random Markdown-ish strings for fuzzing the formatter. */

/** mulberry32: a tiny seeded generator so a failing case reproduces. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "*",
  "**",
  "***",
  "_",
  "__",
  "~",
  "~~",
  "`",
  "``",
  "```",
  "```py\n",
  "\n```\n",
  "~~~",
  "[",
  "]",
  "(",
  ")",
  "](",
  "](https://x.io/a_b?c=1&d=2)",
  "](javascript:x)",
  "<",
  ">",
  "&",
  "&amp;",
  '"',
  "'",
  "\\",
  "|",
  "|---|",
  "#",
  "# ",
  "## ",
  "> ",
  "- ",
  "* ",
  "+ ",
  "1. ",
  "---",
  "\n",
  "\n\n",
  " ",
  "  ",
  "\t",
  "a",
  "b",
  "word",
  "x_y",
  "2*3",
  "😀",
  "👨‍👩‍👧",
  "é",
  "<b>",
  "</i>",
  "<https://x.io>",
  "!",
  ":",
  "=",
  "===\n",
  "- [ ] ",
  "https://a.io/x_y*z ",
  "http",
];

export function randomMarkdown(random: () => number, pieces: number): string {
  let out = "";
  for (let i = 0; i < pieces; i += 1) out += PIECES[Math.floor(random() * PIECES.length)] ?? "";
  return out;
}
