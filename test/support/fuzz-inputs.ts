/** A seeded PRNG (mulberry32): the same seed replays the same run. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[int(0, items.length - 1)] as T;
  };
  return { next, int, pick, chance: (p: number) => next() < p };
}

export type Random = ReturnType<typeof createRandom>;

/** Pieces that break naive text handling: markup metacharacters, entities, odd and wide Unicode. */
const ODD = [
  "*",
  "_",
  "`",
  "```",
  "[",
  "](",
  "~",
  "||",
  "\\",
  "<b>",
  "</i>",
  "<a href='x'>",
  "&amp;",
  "&lt;",
  "&#0;",
  "<",
  ">",
  "&",
  "{",
  "}",
  "$",
  "%s",
  "$" + "{x}",
  "{$x}",
  "\u200b",
  "\u200d",
  "\u202e",
  "\ufeff",
  "\u0000",
  "\u0007",
  "\r\n",
  "\t",
  "\ud83d",
  "\udc4d",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "Z̤͔ͧ̑̓ä͖̭̈̇",
  "ﷺ",
  "𒐫",
  "مرحبا",
  "日本語",
  "Привет",
  "@user",
  "#tag",
  "https://example.com/?a=1&b=<2>",
  "/start",
  "'; DROP TABLE users; --",
  "null",
  "NaN",
  "-0",
  "1e309",
];

export function oddText(random: Random, maxLength: number): string {
  const parts: string[] = [];
  const target = random.int(1, maxLength);
  let length = 0;
  while (length < target) {
    const part = random.chance(0.5)
      ? random.pick(ODD)
      : random.chance(0.8)
        ? "word ".repeat(random.int(1, 3))
        : String.fromCodePoint(random.int(0x20, 0x2ffff));
    parts.push(part);
    length += part.length;
  }
  const text = parts.join("").slice(0, maxLength);
  // Telegram apps don't send blank messages.
  return text.trim() === "" ? "x" : text;
}

/** Text as a user could type it: short or up to Telegram's 4,096 characters. */
export function randomText(random: Random): string {
  return oddText(random, random.chance(0.1) ? 4096 : 120);
}

const COMMANDS = [
  "start",
  "balance",
  "models",
  "buy",
  "plans",
  "history",
  "settings",
  "language",
  "help",
  "new",
  "api",
  "paysupport",
  "terms",
  "grant",
  "refund",
  "stats",
  "reconcile",
  "models_health",
  "nosuchcommand",
];

const JUNK_ARGS = [
  "",
  "0x10",
  "1e3",
  "-5",
  "0",
  "999999999999999999999",
  "junk",
  "ref_junk",
  "ref_",
  "ref_-1",
  "ref_0x10",
  "ref_999999999999",
  "1 2 3",
  "NaN NaN",
  "12 0x10",
  " ",
  "charge_" + "x".repeat(80),
  "<b>x</b>",
];

/** A command with junk arguments, sometimes addressed to the bot by username. */
export function randomCommand(random: Random, botUsername: string): string {
  const name = random.pick(COMMANDS);
  const at = random.chance(0.1) ? `@${botUsername}` : "";
  const args = random.chance(0.8) ? random.pick(JUNK_ARGS) : oddText(random, 40);
  return `/${name}${at}${args === "" ? "" : ` ${args}`}`;
}

/** Callback data no button ever carried: junk, wrong shapes, huge and negative ids. */
export function forgedCallbackData(random: Random, known: readonly string[]): string {
  const prefixes = ["menu", "cat", "mdl", "prm", "ok", "no", "rt", "lang", "ac", "buy", "plan", "pcx", "hist"];
  const moreprefixes = ["orig", "sup", "apik", "zzz", ""];
  const value = random.pick(["", "-1", "0", "0x10", "1e3", "99999999", "NaN", "x:y:z", "../", "\u202e", "ru"]);
  const forged =
    random.chance(0.3) && known.length > 0
      ? // A real piece of data with its last field changed.
        `${random.pick(known).split(":").slice(0, -1).join(":")}:${value}`
      : `${random.pick([...prefixes, ...moreprefixes])}:${value}${random.chance(0.3) ? `:${value}` : ""}`;
  // Telegram accepts 1–64 bytes of callback data.
  const bytes = Buffer.from(forged, "utf8")
    .subarray(0, 64)
    .toString("utf8")
    .replace(/\uFFFD+$/, "");
  return bytes === "" ? "x" : bytes;
}

/** Bytes that are no image or sound at all, of a random size. */
export function garbageBytes(random: Random): Buffer {
  const bytes = Buffer.alloc(random.int(1, 2048));
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
  return bytes;
}

/** Characters that mean something in a URL: a file name may hold any of them. */
const URL_META = ["#", "?", "%", "%2F", "%zz", "&", "+", "=", " ", ";", "@", ":", "..", "~"];

/** A document's file name as an app could send it: odd text, URL metacharacters, any or no extension. */
export function documentName(random: Random): string {
  const piece = () => (random.chance(0.6) ? random.pick(URL_META) : oddText(random, 8));
  const stem = Array.from({ length: random.int(1, 4) }, piece).join("");
  const extension = random.pick([
    "pdf",
    "txt",
    "md",
    "csv",
    "docx",
    "png",
    "ogg",
    "tar.gz",
    "",
    "p#f",
    "a?b",
    "x%y",
    "a b",
    "c&d+e",
  ]);
  const name = (extension === "" ? stem : `${stem}.${extension}`).replace(/[\\/]/g, "_");
  return name.trim() === "" ? "x" : name;
}
