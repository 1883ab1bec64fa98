import type { MessageEntity } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/database.js";
import { type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import type { BotMessage, TgUser } from "../support/telegram/types.js";

const HOUR_S = 3600;
const nowS = () => Math.floor(Date.now() / 1000);
const dateTimes = (m: BotMessage) =>
  (m.entities ?? []).filter((e): e is MessageEntity.DateTimeMessageEntity => e.type === "date_time");

/** No dead ends: a way back from every screen, dates in the reader's own time zone, a bounded free help desk. */
describe("no dead ends", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.replyWith((body) => `Answer to: ${JSON.stringify(body.messages.at(-1)?.content)}`);
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  /** Presses the message's menu button and waits for the main menu in its place. */
  async function backToMenu(user: TgUser, message: BotMessage, label: string, welcome: RegExp) {
    const { tg } = stack;
    const button = message.buttons.find((b) => b.callback_data === "menu:main");
    expect(button?.text).toBe(label);
    tg.clickButton(user, message, "menu:main");
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === message.message_id && welcome.test(m.content)),
    );
  }

  it("/terms, /paysupport, Cancelled and New conversation lead back to the menu", async () => {
    const { tg } = stack;
    const user = testUser(9811);
    await say(tg, user, "/start");
    const terms = await say(tg, user, "/terms", (c) => /Terms of sale/.test(c));
    await backToMenu(user, terms, "« Menu", /Hi, User9811/);
    const support = await say(tg, user, "/paysupport", (c) => /Payment support/.test(c));
    await backToMenu(user, support, "« Menu", /Hi, User9811/);

    const settings = await say(tg, user, "/settings");
    tg.clickButton(user, settings, "ac:0");
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === settings.message_id && /up to 0/.test(m.content)),
    );
    const quote = await say(tg, user, "a question", (c) => /costs 1 🪙/.test(c));
    tg.clickButton(user, quote, quote.buttons.find((b) => b.callback_data?.startsWith("no:"))!.callback_data!);
    const cancelled = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === quote.message_id && /^Cancelled/.test(m.content)),
    );
    await backToMenu(user, cancelled, "« Menu", /Hi, User9811/);

    const fresh = await say(tg, user, "/new", (c) => /New conversation started/.test(c));
    await backToMenu(user, fresh, "« Menu", /Hi, User9811/);
    // 🆕 New chat from the menu: the notice comes as a new message, with its own way back.
    const menu = await say(tg, user, "/start", (c) => /Hi, User9811/.test(c));
    tg.clickButton(user, menu, "menu:new");
    const notice = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > menu.message_id && /New conversation started/.test(m.content),
    );
    await backToMenu(user, notice, "« Menu", /Hi, User9811/);
    await tg.expectClean();
  }, 60_000);

  it("in Russian the way back is «Меню», and /language sets the chat's command menu", async () => {
    const { tg } = stack;
    const user = testUser(9812, "ru");
    await say(tg, user, "/start");
    const terms = await say(tg, user, "/terms", (c) => /Условия продажи/.test(c));
    await backToMenu(user, terms, "« Меню", /Привет, User9812/);
    const fresh = await say(tg, user, "/new", (c) => /Начат новый диалог/.test(c));
    await backToMenu(user, fresh, "« Меню", /Привет, User9812/);

    const language = await say(tg, user, "/language", (c) => /Выберите язык/.test(c));
    expect(language.buttons.some((b) => b.callback_data === "menu:main")).toBe(true);
    tg.clickButtonByText(user, language, /English/);
    const set = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === language.message_id && /Language: English/.test(m.content)),
    );
    expect(set.buttons.some((b) => b.callback_data === "menu:models")).toBe(true);
    const help = tg.commands("", { type: "chat", chat_id: user.id })?.find((c) => c.command === "help");
    expect(help?.description).toBe("How it works");
    await tg.expectClean();
  }, 60_000);

  it("/api without API_PORT says the API is off and offers no key; /help, /plans, /buy have no empty keyboard row", async () => {
    const { tg } = stack;
    const user = testUser(9816);
    await say(tg, user, "/start");
    const api = await say(tg, user, "/api");
    expect(api.content).toMatch(/developer API is not switched on/);
    expect(api.buttons.map((b) => b.callback_data)).toEqual(["menu:main"]);
    // A key asked for anyway (an old button) is not made: nothing would serve it.
    tg.pressForged(user, api, "apik:new:0");
    await tg.waitFor(() => tg.pendingUpdates().length === 0 && tg.unansweredCallbackQueries().length === 0);
    const keys = await countApiKeys(user.id);
    expect(keys).toBe(0);
    // The emulator counts an empty keyboard row as a broken rule; expectClean fails on one.
    for (const command of ["/help", "/plans", "/buy", "/paysupport"]) {
      const screen = await say(tg, user, command);
      expect(screen.raw.reply_markup?.inline_keyboard.every((row) => row.length > 0)).toBe(true);
    }
    await tg.expectClean();
  }, 60_000);

  async function countApiKeys(userId: number): Promise<number> {
    const storage = openStorage(stack.env.DATABASE_URL ?? "");
    try {
      const rows = await storage.db.selectFrom("api_keys").select("id").where("user_id", "=", userId).execute();
      return rows.length;
    } finally {
      await storage.close();
    }
  }

  it("shows the dates of the token history as date_time entities", async () => {
    const { tg } = stack;
    const user = testUser(9813);
    const joined = nowS();
    await say(tg, user, "/start");
    const balance = await say(tg, user, "/balance", (c) => /Balance/.test(c));
    tg.clickButtonByText(user, balance, /History/);
    const history = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === balance.message_id && /Token history/.test(m.content)),
    );
    expect(history.content).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC · welcome tokens · \+50/);
    const [date, ...more] = dateTimes(history);
    expect(more).toEqual([]);
    expect(date?.date_time_format).toBe("dt");
    expect(date?.unix_time).toBeGreaterThanOrEqual(joined);
    expect(date?.unix_time).toBeLessThanOrEqual(nowS());
    await tg.expectClean();
  }, 60_000);

  /** /help → Ask a question, up to the prompt; returns the message that answered the press. */
  async function pressAsk(user: TgUser, answered: RegExp): Promise<BotMessage> {
    const { tg } = stack;
    const help = await say(tg, user, "/help");
    tg.clickButton(user, help, "hd:ask:0");
    return tg.waitForBotMessage(user.id, (m) => m.message_id > help.message_id && answered.test(m.content));
  }

  it("answers 10 help-desk questions an hour, then says when the next one can be asked", async () => {
    const { tg } = stack;
    const user = testUser(9814);
    await say(tg, user, "/start");
    const first = nowS();
    for (let i = 1; i <= 10; i++) {
      await pressAsk(user, /Ask anything about the bot/);
      await say(tg, user, `Question ${i}?`, (c) => c.includes(`Answer to: "Question ${i}?"`));
    }
    const asked = openai.chatBodies().length;
    const refusal = await pressAsk(user, /answers up to 10 questions an hour/);
    expect(refusal.content).toMatch(/You can ask again at \d\d:\d\d UTC/);
    const [time] = dateTimes(refusal);
    expect(time?.date_time_format).toBe("t");
    expect(time?.unix_time).toBeGreaterThanOrEqual(first + HOUR_S - 1);
    expect(time?.unix_time).toBeLessThanOrEqual(nowS() + HOUR_S);
    expect(refusal.buttons.map((b) => b.callback_data)).toEqual(["menu:help"]);
    expect(openai.chatBodies().length).toBe(asked);
    await tg.expectClean();
  }, 60_000);

  it("counts questions answered by any instance: one over the limit meanwhile is refused, in Russian", async () => {
    const { tg } = stack;
    const user = testUser(9815, "ru");
    await say(tg, user, "/start");
    const storage = openStorage(stack.env.DATABASE_URL!);
    const ask = (n: number) =>
      storage.db
        .insertInto("help_questions")
        .values(Array.from({ length: n }, () => ({ user_id: user.id, asked_at: Date.now() })))
        .execute();
    await ask(9);
    await pressAsk(user, /Спросите что угодно о боте/);
    // Another instance answers this user's tenth question while they type theirs.
    await ask(1);
    await storage.close();
    const asked = openai.chatBodies().length;
    const refusal = await say(tg, user, "Сколько стоит Basic?", (c) => /Справочная отвечает не больше/.test(c));
    expect(refusal.content).toMatch(/не больше чем на 10 вопросов в час\. Снова спросить можно в \d\d:\d\d UTC/);
    expect(dateTimes(refusal)).toHaveLength(1);
    expect(openai.chatBodies().length).toBe(asked);
    await tg.expectClean();
  }, 60_000);
});
