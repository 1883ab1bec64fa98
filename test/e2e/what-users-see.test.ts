import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, openAiError, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import { lastId, selectModel } from "../support/media-e2e.js";
import type { BotMessage, TgUser } from "../support/telegram/emulator.js";

const VOICE = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(200)]);
const BAD_KEY = openAiError(
  "Incorrect API key provided: sk-live-XYZ. You can find your API key at https://platform.openai.com/account/api-keys.",
  "invalid_request_error",
  "invalid_api_key",
);

/** What a person sees in the chat: the messages counted per request, and the words in them. */
describe("what users see", () => {
  let openai: OpenAiFake;
  let stack: Stack;
  const admin = testUser(ADMIN_ID);

  beforeAll(async () => {
    openai = await startOpenAiFake({ extraRoutes: createOpenAiMediaRoutes({ apiKey: "test-openai-key" }) });
    openai.replyWith((body) => `Answer to: ${JSON.stringify(body.messages.at(-1)?.content)}`);
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
    await say(stack.tg, admin, "/start");
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  /** The messages the bot posted to this chat so far, plain or rich (drafts are other methods). */
  const sentTo = (user: TgUser) =>
    [...stack.tg.callsOf("sendMessage"), ...stack.tg.callsOf("sendRichMessage")].filter(
      (c) => String(c.params.chat_id) === String(user.id),
    );

  it("answers a typed prompt with exactly one message, which names the model", async () => {
    const { tg } = stack;
    const user = testUser(7801);
    await say(tg, user, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    const before = sentTo(user).length;
    const after = lastId(stack, user);
    tg.sendText(user, "What is 2+2?");
    const answer = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.content.includes("Answer"));
    expect(answer.content).toContain('Answer to: "What is 2+2?"');
    expect(answer.content).toMatch(/— gpt-5-nano · 1 🪙 · balance: 49 🪙/);
    expect(sentTo(user).length - before).toBe(1);
    expect(tg.messages(user.id).filter((m) => m.message_id > after)).toEqual([answer]);
    expect(tg.messages(user.id).some((m) => m.content.startsWith("🎤"))).toBe(false);
    await tg.expectClean();
  }, 60_000);

  it("shows a voice message's transcript, then the answer", async () => {
    const { tg } = stack;
    const user = testUser(7802);
    await say(tg, user, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    const before = sentTo(user).length;
    const after = lastId(stack, user);
    tg.sendVoice(user, VOICE, { duration: 2 });
    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Answer"),
      20_000,
    );
    const posted = tg.messages(user.id).filter((m) => m.message_id > after);
    expect(posted.map((m) => m.content)).toEqual(["🎤 Hello from the fake transcription.", answer.content]);
    expect(answer.content).toMatch(/gpt-5-nano · 3 🪙 · balance: 47 🪙/);
    expect(sentTo(user).length - before).toBe(2);
    await tg.expectClean();
  }, 60_000);

  it("refuses a prompt after a locked card is opened, naming that model, and charges nothing", async () => {
    const { tg } = stack;
    const user = testUser(7803);
    await say(tg, user, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    const menu = await say(tg, user, "/models", (c) => /Choose a category/.test(c));
    tg.clickButtonByText(user, menu, "💬 Text");
    const list = await tg.waitFor(() =>
      tg
        .messages(user.id)
        .find((m) => m.message_id === menu.message_id && m.buttons.some((b) => /^🔒 GPT-5 · /.test(b.text))),
    );
    tg.clickButtonByText(user, list, /^🔒 GPT-5 · /);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === menu.message_id && /needs a paid plan/.test(m.content)),
    );
    const chats = openai.chatBodies().length;
    const refusal = await say(tg, user, "hello there", (c) => /paid plan/.test(c));
    expect(refusal.content).toMatch(
      /gpt-5 needs a paid plan, so it did not answer this message and nothing was charged/,
    );
    expect(refusal.buttons.map((b) => b.text)).toContain("⭐ Plans");
    expect(openai.chatBodies().length).toBe(chats);
    expect(await balanceOf(tg, user)).toBe(50);
    await tg.expectClean();
  }, 60_000);

  it("answers a second Confirm tap with a toast and leaves the running job's message alone", async () => {
    const { tg } = stack;
    const user = testUser(7804);
    await say(tg, user, "/start");
    const settings = await say(tg, user, "/settings");
    tg.clickButton(user, settings, "ac:0");
    await tg.waitFor(() =>
      tg
        .messages(user.id)
        .find((m) => m.message_id === settings.message_id && /✅ 0/.test(m.buttons.map((b) => b.text).join())),
    );
    await selectModel(stack, user, "gpt-5-nano");
    const after = lastId(stack, user);
    tg.sendText(user, "slow one");
    const quote = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.buttons.some((b) => /Confirm/.test(b.text)),
    );
    const confirm = quote.buttons.find((b) => /Confirm/.test(b.text))!.callback_data!;
    openai.delayNext(3_000, "headers");
    const answersBefore = tg.callbackAnswers.length;
    tg.clickButton(user, quote, confirm);
    tg.clickButton(user, quote, confirm);
    const answers = await tg.waitFor(() => {
      const mine = tg.callbackAnswers.slice(answersBefore).filter((a) => a.data === confirm);
      return mine.length === 2 ? mine : undefined;
    });
    expect(answers[0]?.text).toBeUndefined();
    expect(answers[1]?.text).toMatch(/Already confirmed/);
    const progress = tg.messages(user.id).find((m) => m.message_id === quote.message_id) as BotMessage;
    expect(progress.content).not.toMatch(/no longer valid/);
    expect(progress.buttons.some((b) => /Cancel/.test(b.text))).toBe(true);
    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Answer"),
      20_000,
    );
    expect(answer.content).toMatch(/gpt-5-nano · 1 🪙 · balance: 49/);
    const edits = tg.callsOf("editMessageText").filter((c) => c.params.message_id === quote.message_id);
    expect(edits.some((c) => /no longer valid/.test(String(c.params.text)))).toBe(false);
    expect(await balanceOf(tg, user)).toBe(49);
    await tg.expectClean();
  }, 60_000);

  it("hides the provider's words on a key failure, alerts an admin once, and its Retry works after a restart", async () => {
    const { tg } = stack;
    const user = testUser(7805);
    const russian = testUser(7806, "ru");
    await say(tg, user, "/start");
    await say(tg, russian, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    const adminBefore = tg.messages(admin.id).length;

    openai.failNext(401, BAD_KEY);
    const notice = await say(tg, user, "hello", (c) => /No tokens were taken/.test(c));
    expect(notice.content).toMatch(/gpt-5-nano is unavailable right now/);
    expect(notice.content).not.toMatch(/sk-|Incorrect API key|api-keys/);
    const retry = notice.buttons.find((b) => /Retry/.test(b.text));
    expect(retry?.callback_data).toBeDefined();
    const alert = await tg.waitForBotMessage(admin.id, (m) => /openai/.test(m.content));
    expect(alert.content).toMatch(/the API key was rejected/);
    expect(alert.content).not.toMatch(/sk-/);

    // A second failure within the hour: the user is told (in Russian), the admin is not alerted again.
    const menu = await say(tg, russian, "/models");
    tg.clickButton(russian, menu, menu.buttons.find((b) => /Текст/.test(b.text))!.callback_data!);
    const list = await tg.waitFor(() =>
      tg.messages(russian.id).find((m) => m.buttons.some((b) => /^GPT-5 nano · /.test(b.text))),
    );
    tg.clickButtonByText(russian, list, /^GPT-5 nano · /);
    await tg.waitFor(() =>
      tg.messages(russian.id).find((m) => /Выбрано|gpt-5-nano/i.test(m.content) && m.message_id === list.message_id),
    );
    openai.failNext(401, BAD_KEY);
    const russianNotice = await say(tg, russian, "привет", (c) => /Токены не списаны/.test(c));
    expect(russianNotice.content).toMatch(/gpt-5-nano сейчас недоступна/);
    expect(russianNotice.content).not.toMatch(/sk-|Incorrect/);
    expect(tg.messages(admin.id).length - adminBefore).toBe(1);
    expect(await balanceOf(tg, user)).toBe(50);

    // The button names the stored job: it quotes the same request again after a restart.
    await stack.bot.stop();
    await stack.restart();
    const after = lastId(stack, user);
    tg.clickButton(user, notice, retry!.callback_data!);
    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Answer"),
      20_000,
    );
    expect(answer.content).toContain('Answer to: "hello"');
    expect(answer.content).toMatch(/gpt-5-nano · 1 🪙 · balance: 49/);
    await tg.expectClean();
  }, 90_000);
});
