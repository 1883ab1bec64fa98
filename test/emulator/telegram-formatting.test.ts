import { Bot, GrammyError, InlineKeyboard, Keyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator, type TgUser } from "../support/telegram/emulator.js";
import { formatText } from "../support/telegram/formatted-text.js";
import { parseBody } from "../support/telegram/multipart.js";

const bob: TgUser = { id: 2002, first_name: "Bob" };
let emu: TelegramEmulator;
let bot: Bot;

beforeEach(async () => {
  emu = await startTelegramEmulator();
  bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  emu.sendText(bob, "hi");
});
afterEach(() => emu.close());

async function description(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected the call to fail, got ${String(error)}`);
  return error.description;
}

describe("HTML parse mode", () => {
  it("accepts every supported tag, nested, and reports UTF-16 offsets", () => {
    const html =
      '😀 <b>bold <i>both</i></b> <a href="https://example.com/?a=1&b=2">link</a> <code>x &lt; y</code> ' +
      '<pre><code class="language-ts">let a = 1;</code></pre> <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> ' +
      "<u>u</u><ins>n</ins><s>s</s><del>d</del><strike>k</strike><em>e</em><strong>g</strong> " +
      '<blockquote expandable>quote</blockquote> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> ' +
      '<tg-time unix="1700000000" format="wDT">then</tg-time> &#65;&#x42;&quot;&gt;&amp;';
    const { text, entities } = formatText(html, "HTML", undefined);
    expect(text).toBe('😀 bold both link x < y let a = 1; s t unsdkeg quote 👍 then AB">&');
    const at = (type: string) =>
      entities.filter((e) => e.type === type).map((e) => [text.slice(e.offset, e.offset + e.length), e]);
    expect(at("bold").map(([s]) => s)).toEqual(["bold both", "g"]);
    expect(at("italic").map(([s]) => s)).toEqual(["both", "e"]);
    expect(entities[0]).toEqual({ type: "bold", offset: 3, length: 9 }); // the emoji counts 2 UTF-16 units
    expect(at("text_link")).toEqual([
      ["link", { type: "text_link", offset: 13, length: 4, url: "https://example.com/?a=1&b=2" }],
    ]);
    expect(at("code").map(([s]) => s)).toEqual(["x < y"]);
    expect(at("pre")).toEqual([["let a = 1;", { type: "pre", offset: 24, length: 10, language: "ts" }]]);
    expect(at("spoiler").map(([s]) => s)).toEqual(["s", "t"]);
    expect(at("underline").map(([s]) => s)).toEqual(["u", "n"]);
    expect(at("strikethrough").map(([s]) => s)).toEqual(["s", "d", "k"]);
    expect(at("expandable_blockquote").map(([s]) => s)).toEqual(["quote"]);
    expect(at("custom_emoji")[0]?.[1]).toMatchObject({ custom_emoji_id: "5368324170671202286", length: 2 });
    expect(at("date_time")[0]?.[1]).toMatchObject({ unix_time: 1700000000, date_time_format: "wDT" });
  });

  it.each([
    ["<b>open", `Can't find end tag corresponding to start tag "b"`],
    ["<b>x</i>", `Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["line<br>break", `Unsupported start tag "br" at byte offset 4`],
    ["<div>x</div>", `Unsupported start tag "div" at byte offset 0`],
    ["1 < 2", `Unsupported start tag "" at byte offset 2`],
    ["Tom & Jerry", `Character "&" at byte offset 4 must be escaped as "&amp;"`],
    ["a&nbsp;b", `Unsupported HTML entity "&nbsp;" at byte offset 1`],
    ["<span>x</span>", `Tag "span" must have class "tg-spoiler" at byte offset 0`],
    ['<a href="x', "Unclosed start tag at byte offset 0"],
    ["é<b x>y</b>", `Expected equal sign in declaration of an attribute of the tag "b" at byte offset 2`],
    ["<tg-time>today</tg-time>", `Tag "tg-time" must have attribute "unix" with a Unix time at byte offset 0`],
    [
      'at <tg-time unix="soon">x</tg-time>',
      `Tag "tg-time" must have attribute "unix" with a Unix time at byte offset 3`,
    ],
    ['<tg-time unix="1700000000" format="x">x</tg-time>', "Invalid date and time format specified at byte offset 0"],
    ['<tg-time unix="1700000000" format="rt">x</tg-time>', "Invalid date and time format specified at byte offset 0"],
    ['<tg-time unix="1700000000" format="tw">x</tg-time>', "Invalid date and time format specified at byte offset 0"],
  ])("rejects %j", async (html, reason) => {
    expect(await description(bot.api.sendMessage(bob.id, html, { parse_mode: "HTML" }))).toContain(
      `Bad Request: can't parse entities: ${reason}`,
    );
    expect(emu.violations).toHaveLength(1);
    expect(emu.messages(bob.id)).toEqual([]);
  });

  it("measures length after entity parsing and trims like Telegram", async () => {
    await bot.api.sendMessage(bob.id, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" });
    await bot.api.sendMessage(bob.id, "&amp;".repeat(4096), { parse_mode: "HTML" });
    expect(await description(bot.api.sendMessage(bob.id, "a".repeat(4097)))).toBe("Bad Request: message is too long");
    expect(await description(bot.api.sendMessage(bob.id, "<b> </b>", { parse_mode: "HTML" }))).toBe(
      "Bad Request: message text is empty",
    );
    expect(await description(bot.api.sendMessage(bob.id, ""))).toBe("Bad Request: message text is empty");
    await bot.api.sendMessage(bob.id, "\n  <b>hi</b> there \n", { parse_mode: "HTML" });
    expect(emu.lastBotMessage(bob.id)).toMatchObject({
      text: "hi there",
      entities: [{ type: "bold", offset: 0, length: 2 }],
    });
    expect(
      await description(bot.api.sendPhoto(bob.id, "https://example.com/a.jpg", { caption: "c".repeat(1025) })),
    ).toBe("Bad Request: message caption is too long");
    expect(emu.violations).toHaveLength(4);
  });
});

describe("MarkdownV2, explicit entities and auto-detected entities", () => {
  it("parses MarkdownV2 and rejects unescaped reserved characters", async () => {
    const parsed = formatText("*b* _i_ __u__ ~s~ ||p|| `c` [l](https://t.me/x) \\. ok", "MarkdownV2", undefined);
    expect(parsed.text).toBe("b i u s p c l . ok");
    expect(parsed.entities.map((e) => e.type)).toEqual([
      "bold",
      "italic",
      "underline",
      "strikethrough",
      "spoiler",
      "code",
      "text_link",
    ]);
    expect(await description(bot.api.sendMessage(bob.id, "Done.", { parse_mode: "MarkdownV2" }))).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(await description(bot.api.sendMessage(bob.id, "*open", { parse_mode: "MarkdownV2" }))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    );
  });

  it("checks explicit entities against the UTF-16 text and adds the entities Telegram detects", async () => {
    await bot.api.sendMessage(bob.id, "Use /help or https://example.com 😀", {
      entities: [{ type: "bold", offset: 0, length: 3 }],
    });
    expect(emu.lastBotMessage(bob.id)?.entities).toEqual([
      { type: "bold", offset: 0, length: 3 },
      { type: "bot_command", offset: 4, length: 5 },
      { type: "url", offset: 13, length: 19 },
    ]);
    const outOfBounds = await description(
      bot.api.sendMessage(bob.id, "😀 ab", { entities: [{ type: "bold", offset: 3, length: 3 }] }),
    );
    expect(outOfBounds).toMatch(/^Bad Request: can't parse entities/);
    expect(emu.violations[0]).toMatch(/UTF-16/);
  });
});

describe("inline keyboards and edits", () => {
  it("limits callback_data to 64 bytes of UTF-8", async () => {
    await bot.api.sendMessage(bob.id, "ok", { reply_markup: new InlineKeyboard().text("x", "é".repeat(32)) });
    const tooLong = new InlineKeyboard().text("x", "é".repeat(33));
    expect(await description(bot.api.sendMessage(bob.id, "no", { reply_markup: tooLong }))).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    const textOnly = { inline_keyboard: [[{ text: "plain" }]] } as unknown as InlineKeyboard;
    expect(await description(bot.api.sendMessage(bob.id, "no", { reply_markup: textOnly }))).toMatch(
      /Text buttons are unallowed/,
    );
    const pay = { inline_keyboard: [[{ text: "Pay", pay: true }]] } as unknown as InlineKeyboard;
    expect(await description(bot.api.sendMessage(bob.id, "no", { reply_markup: pay }))).toBe(
      "Bad Request: BUTTON_TYPE_INVALID",
    );
    expect(emu.violations).toEqual([
      expect.stringContaining("got 66"),
      expect.stringContaining("Text buttons"),
      expect.stringContaining("pay buttons are only allowed on invoices"),
    ]);
  });

  it("refuses edits that change nothing and edits of missing or foreign messages", async () => {
    const keyboard = new InlineKeyboard().text("A", "a");
    const sent = await bot.api.sendMessage(bob.id, "<b>Hi</b>", { parse_mode: "HTML", reply_markup: keyboard });
    const same = bot.api.editMessageText(bob.id, sent.message_id, "<b>Hi</b>", {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    expect(await description(same)).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    await bot.api.editMessageText(bob.id, sent.message_id, "<b>Hi</b>", { parse_mode: "HTML" }); // drops the keyboard
    expect(emu.lastBotMessage(bob.id)).toMatchObject({ buttons: [], edits: 1 });
    expect(await description(bot.api.editMessageText(bob.id, 999, "x"))).toBe("Bad Request: message to edit not found");
    expect(await description(bot.api.editMessageText(bob.id, 1, "x"))).toBe("Bad Request: message can't be edited");
    expect(await description(bot.api.editMessageCaption(bob.id, sent.message_id, { caption: "x" }))).toBe(
      "Bad Request: there is no caption in the message to edit",
    );
    await bot.api.editMessageReplyMarkup(bob.id, sent.message_id, { reply_markup: keyboard });
    expect(emu.lastBotMessage(bob.id)?.buttons.map((b) => b.text)).toEqual(["A"]);
    await bot.api.deleteMessage(bob.id, sent.message_id);
    expect(emu.messages(bob.id)).toEqual([]);
    expect(await description(bot.api.deleteMessage(bob.id, sent.message_id))).toBe(
      "Bad Request: message to delete not found",
    );
  });

  it("tracks callback query answers, double answers and the answer deadline", async () => {
    const quick = await startTelegramEmulator({ callbackQueryDeadlineMs: 100 });
    try {
      const api = new Bot(quick.token, { client: { apiRoot: quick.apiRoot } }).api;
      quick.sendText(bob, "hi");
      const sent = await api.sendMessage(bob.id, "Pick", { reply_markup: new InlineKeyboard().text("A", "a") });
      const query = quick.clickButton(bob, sent, "a");
      expect(quick.unansweredCallbackQueries()).toHaveLength(1);
      expect(await description(api.answerCallbackQuery(query.id, { text: "x".repeat(201) }))).toBe(
        "Bad Request: MESSAGE_TOO_LONG",
      );
      await api.answerCallbackQuery(query.id);
      expect(await description(api.answerCallbackQuery(query.id))).toBe(
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
      );
      quick.clickButton(bob, sent, "a");
      await quick.waitFor(() => quick.violations.some((v) => v.includes("was not answered within 100 ms")));
      expect(quick.violations).toHaveLength(3);
    } finally {
      await quick.close();
    }
  });
});

describe("other methods", () => {
  it("validates chat actions, drafts and commands", async () => {
    await bot.api.sendChatAction(bob.id, "typing");
    expect(await description(bot.api.sendChatAction(bob.id, "dancing" as "typing"))).toBe(
      "Bad Request: wrong parameter action in request",
    );
    await bot.api.sendMessageDraft(bob.id, 7, "Thinking <i>hard</i>", { parse_mode: "HTML" });
    expect(emu.drafts).toMatchObject([{ chat_id: bob.id, draft_id: 7, text: "Thinking hard" }]);
    expect(emu.messages(bob.id)).toEqual([]);
    expect(await description(bot.api.sendMessageDraft(bob.id, 0, "x"))).toBe("Bad Request: DRAFT_ID_INVALID");

    await bot.api.setMyCommands([{ command: "start", description: "Start" }]);
    await bot.api.setMyCommands([{ command: "start", description: "Начать" }], { language_code: "ru" });
    expect(emu.commands("ru")).toEqual([{ command: "start", description: "Начать" }]);
    expect(await bot.api.getMyCommands()).toEqual([{ command: "start", description: "Start" }]);
    expect(await description(bot.api.setMyCommands([{ command: "Start", description: "x" }]))).toBe(
      "Bad Request: BOT_COMMAND_INVALID",
    );
    expect(await description(bot.api.sendMessage(777, "who?"))).toBe("Bad Request: chat not found");
    expect(emu.violations).toHaveLength(4);
  });

  it("links replies both ways and tracks the reply keyboard the user sees", async () => {
    const question = await bot.api.sendMessage(bob.id, "Your name?", { reply_markup: { force_reply: true } });
    const answer = emu.sendText(bob, "Bob", { replyTo: question.message_id });
    expect(answer.reply_to_message?.message_id).toBe(question.message_id);
    await bot.api.sendMessage(bob.id, "Thanks", { reply_parameters: { message_id: answer.message_id } });
    expect(emu.lastBotMessage(bob.id)?.reply_to_message_id).toBe(answer.message_id);
    const missing = bot.api.sendMessage(bob.id, "x", { reply_parameters: { message_id: 999 } });
    expect(await description(missing)).toBe("Bad Request: message to be replied not found");
    await bot.api.sendMessage(bob.id, "Menu", { reply_markup: new Keyboard().text("A").resized() });
    expect(emu.replyKeyboard(bob.id)).toMatchObject({ keyboard: [[{ text: "A" }]] });
    await bot.api.sendMessage(bob.id, "Bye", { reply_markup: { remove_keyboard: true } });
    expect(emu.replyKeyboard(bob.id)).toBeUndefined();
  });

  it("parses multipart bodies with standard and compact part headers", () => {
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n42\r\n' +
        '--XyZ\r\ncontent-disposition:form-data;name="abc";filename=x y.png\r\ncontent-type:application/octet-stream\r\n\r\n\u0001\u0002\r\n' +
        "--XyZ--\r\n",
      "latin1",
    );
    const parsed = parseBody("multipart/form-data; boundary=XyZ", body, new URLSearchParams("limit=1"));
    expect(parsed.params).toEqual({ limit: "1", chat_id: "42" });
    expect(parsed.uploads.get("abc")).toMatchObject({ filename: "x y.png", bytes: Buffer.from([1, 2]) });
  });
});
