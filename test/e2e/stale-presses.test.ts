import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { selectModel } from "../support/media-e2e.js";

/** Presses Telegram passes on although nothing should change: the bot must not make edits Telegram refuses. */
describe("stale and repeated button presses", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
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
});
