import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, say, startStack, testUser } from "../support/e2e.js";
import { createMediaScript } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import { lastId, selectModel, waitForQuote } from "../support/media-e2e.js";

/** Presses Telegram passes on although nothing should change: the bot must not make edits Telegram refuses. */
describe("stale and repeated button presses", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake({
      extraRoutes: createOpenAiMediaRoutes({ apiKey: "test-openai-key", script: createMediaScript() }),
    });
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("pressing the option that is already selected leaves the card as it is, with no 'not modified' edit", async () => {
    const { tg } = stack;
    const user = testUser(9_701);
    await say(tg, user, "/start");
    const card = await selectModel(stack, user, "dall-e-3");
    const edits = tg.callsOf("editMessageText").length;
    tg.clickButtonByText(user, card, /^✅ 1024x1024/);
    // Updates of one chat are handled in order: once /help is answered, the press has been handled.
    await say(tg, user, "/help");
    expect(tg.callsOf("editMessageText")).toHaveLength(edits);
    await tg.expectClean();
  }, 30_000);

  it("a stale Cancel of a quote on a message without buttons edits nothing", async () => {
    const { tg } = stack;
    const user = testUser(9_702);
    const menu = await say(tg, user, "/start");
    // The "did not understand" reply is one of the few messages without buttons (/terms has its way back now).
    const plain = await say(tg, user, "/nosuchcommand", (c) => /did not understand/.test(c));
    expect(plain.buttons).toEqual([]);
    // A job id that is not this user's: the cancel finds nothing to drop ("too late").
    tg.pressForged(user, plain, "no:999999");
    tg.pressForged(user, plain, "rt:999999");
    await tg.waitFor(() => tg.unansweredCallbackQueries().length === 0 && tg.callbackAnswers.length >= 2);
    expect(tg.callsOf("editMessageReplyMarkup")).toHaveLength(0);
    expect(menu.message_id).toBeLessThan(plain.message_id);
    await tg.expectClean();
  }, 30_000);

  it("a menu press on an invoice opens the screen as a new message instead of editing the invoice", async () => {
    const { tg } = stack;
    const user = testUser(9_703);
    await say(tg, user, "/start");
    const buy = await say(tg, user, "/buy", (c) => c.length > 0);
    const pkg = buy.buttons.find((b) => b.callback_data?.startsWith("buy:"));
    expect(pkg?.callback_data).toBeDefined();
    tg.clickButton(user, buy, pkg?.callback_data ?? "");
    const invoice = await tg.waitForBotMessage(user.id, (m) => m.kind === "invoice");
    tg.pressForged(user, invoice, "menu:help");
    const help = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > invoice.message_id && /How it works/.test(m.content),
    );
    expect(help.kind).toBe("text");
    await tg.expectClean();
  }, 30_000);

  it("two presses queued on one message: the second, carrying the message as it was, gets no 'not modified' edit", async () => {
    const { tg } = stack;
    const user = testUser(9_704);
    await say(tg, user, "/start");
    const card = await selectModel(stack, user, "dall-e-3");
    const edits = tg.callsOf("editMessageText").length;
    const answers = tg.callbackAnswers.length;
    // Both presses leave the app before the bot has handled either: both carry the card as it was.
    tg.clickButtonByText(user, card, /^1792x1024/);
    tg.clickButtonByText(user, card, /^1792x1024/);
    await tg.waitFor(() => tg.unansweredCallbackQueries().length === 0 && tg.callbackAnswers.length === answers + 2);
    await say(tg, user, "/help");
    expect(tg.callsOf("editMessageText")).toHaveLength(edits + 1);
    const now = tg.messages(user.id).find((m) => m.message_id === card.message_id);
    expect(now?.buttons.some((b) => /^✅ 1792x1024/.test(b.text))).toBe(true);
    await tg.expectClean();
  }, 30_000);

  it("presses still queued on a quote the bot has turned into progress and deleted are answered and edit nothing", async () => {
    const { tg } = stack;
    const user = testUser(9_705);
    await say(tg, user, "/start");
    await selectModel(stack, user, "dall-e-3");
    const before = lastId(stack, user);
    tg.sendText(user, "a lighthouse at night");
    const quote = await waitForQuote(stack, user, before);
    const data = (label: RegExp) => quote.buttons.find((b) => label.test(b.text))?.callback_data ?? "";
    tg.clickButtonByText(user, quote, /Confirm/);
    await tg.waitForBotMessage(user.id, (m) => m.message_id > quote.message_id && m.kind === "photo", 20_000);
    // The quote became the progress message, and the result replaced it.
    await tg.waitFor(() => !tg.messages(user.id).some((m) => m.message_id === quote.message_id));
    const shown = JSON.stringify(tg.messages(user.id));
    const calls = tg.calls.length;
    const answers = tg.callbackAnswers.length;
    // Sent from the app before the quote vanished: Cancel, Confirm again, and a forged menu button.
    tg.pressAsSeen(user, quote, data(/Cancel/));
    tg.pressAsSeen(user, quote, data(/Confirm/));
    tg.pressAsSeen(user, quote, "menu:help");
    await tg.waitFor(() => tg.unansweredCallbackQueries().length === 0 && tg.callbackAnswers.length === answers + 3);
    const touched = tg.calls
      .slice(calls)
      .filter((c) => /^(edit|delete)/.test(c.method) && Number(c.params.message_id) === quote.message_id);
    expect(touched).toEqual([]);
    // Nothing new in the chat either: the message the presses were about is gone.
    expect(JSON.stringify(tg.messages(user.id))).toBe(shown);
    expect(stack.bot.output()).not.toMatch(/"level":(50|60)/);
    await tg.expectClean();
  }, 60_000);
});
