import type { MessageEntity } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedger } from "../../src/billing/ledger.js";
import { systemClock } from "../../src/clock.js";
import { openStorage } from "../../src/storage/database.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { testPlans } from "../support/plans.js";
import type { BotMessage, TgUser } from "../support/telegram/types.js";

const DAY_S = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);
const dateTimes = (m: BotMessage) =>
  (m.entities ?? []).filter((e): e is MessageEntity.DateTimeMessageEntity => e.type === "date_time");

/** Out of tokens → buy → "▶️ Run it now": the refused prompt runs once, at the usual price. */
describe("a prompt refused for want of tokens runs after a purchase", () => {
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

  /** A new user whose 50 Starter tokens went on earlier requests. */
  async function brokeUser(user: TgUser) {
    await say(stack.tg, user, "/start");
    const storage = openStorage(stack.env.DATABASE_URL!);
    const ledger = createLedger(storage, systemClock);
    await ledger.hold({
      userId: user.id,
      amount: 50,
      key: `earlier-${user.id}`,
      model: "gpt-5-nano",
      plan: testPlans.elite,
    });
    await ledger.capture(`earlier-${user.id}`);
    await storage.close();
  }

  /** Pays for the first package the refusal offers; returns the offer that follows the receipt. */
  async function buyFrom(user: TgUser, refusal: BotMessage, charge: string, receipt: RegExp, offer: RegExp) {
    const { tg } = stack;
    const pkg = refusal.buttons.find((b) => b.callback_data?.startsWith("buy:"));
    tg.clickButton(user, refusal, pkg!.callback_data!);
    const invoice = await tg.waitForBotMessage(
      user.id,
      (m) => m.kind === "invoice" && m.message_id > refusal.message_id,
    );
    const { total_amount, payload } = invoice.invoice!;
    const { preCheckout } = await tg.pay(user, {
      currency: "XTR",
      total_amount,
      invoice_payload: payload,
      telegram_payment_charge_id: charge,
    });
    expect(preCheckout.ok).toBe(true);
    const paid = await tg.waitForBotMessage(user.id, (m) => receipt.test(m.content));
    return tg.waitForBotMessage(user.id, (m) => m.message_id > paid.message_id && offer.test(m.content));
  }

  const asked = (prompt: string) =>
    openai.chatBodies().filter((b) => JSON.stringify(b.messages.at(-1)?.content).includes(prompt)).length;

  it("keeps the prompt, offers it with the quote after the credit, and runs it once for two presses", async () => {
    const { tg } = stack;
    const user = testUser(9801);
    await brokeUser(user);
    // Taken before the prompt is sent: the bot keeps it (and starts its 24 hours) on refusing it.
    const kept = nowS();
    const refusal = await say(tg, user, "What is kept?", (c) => /Not enough tokens/.test(c));
    expect(refusal.content).toMatch(/Your request is kept for 24 hours: after a top-up I will offer to run it/);
    expect(asked("What is kept?")).toBe(0);

    const offer = await buyFrom(user, refusal, "stxKept9801", /Payment received/, /Your request is waiting/);
    expect(offer.content).toContain("What is kept?");
    expect(offer.content).toMatch(/It costs 1 🪙; your balance after it: 49 🪙/);
    // The offer's end is a date_time entity, 24 hours on.
    const [until] = dateTimes(offer);
    expect(until?.unix_time).toBeGreaterThanOrEqual(kept + DAY_S);
    expect(until?.unix_time).toBeLessThanOrEqual(nowS() + DAY_S);
    const run = offer.buttons.find((b) => b.text === "▶️ Run it now");
    expect(run?.callback_data).toMatch(/^kp:\d+$/);

    // Two presses before the button goes: one run, one toast.
    tg.clickButton(user, offer, run!.callback_data!);
    tg.clickButton(user, offer, run!.callback_data!);
    const answer = await tg.waitForBotMessage(user.id, (m) => m.content.includes('Answer to: "What is kept?"'));
    expect(answer.content).toMatch(/· 1 🪙 · balance: 49 🪙/);
    await tg.waitFor(() => tg.callbackAnswers.find((a) => /already been run/.test(a.text ?? "")));
    expect(await balanceOf(tg, user)).toBe(49);
    expect(asked("What is kept?")).toBe(1);
    expect(tg.messages(user.id).filter((m) => m.content.includes("Answer to:"))).toHaveLength(1);
    // The offer lost its button; a press that still arrives (a stale client) changes nothing.
    expect(tg.messages(user.id).find((m) => m.message_id === offer.message_id)?.buttons).toEqual([]);
    tg.pressForged(user, offer, run!.callback_data!);
    await tg.waitFor(() => tg.callbackAnswers.filter((a) => /already been run/.test(a.text ?? "")).length === 2);
    expect(asked("What is kept?")).toBe(1);
    expect(await balanceOf(tg, user)).toBe(49);
    await tg.expectClean();
  }, 60_000);

  it("in Russian, with auto-confirm off, Run it now shows the usual quote first", async () => {
    const { tg } = stack;
    const user = testUser(9802, "ru");
    await brokeUser(user);
    const settings = await say(tg, user, "/settings");
    tg.clickButton(user, settings, "ac:0");
    await tg.waitFor(() =>
      tg
        .messages(user.id)
        .find((m) => m.message_id === settings.message_id && /✅ 0/.test(m.buttons.map((b) => b.text).join())),
    );
    const refusal = await say(tg, user, "Сколько будет 2+2?", (c) => /Недостаточно токенов/.test(c));
    expect(refusal.content).toMatch(/Ваш запрос сохранён на 24 часа/);
    const offer = await buyFrom(user, refusal, "stxKept9802", /Оплата получена/, /Ваш запрос ждёт/);
    expect(offer.content).toMatch(/Он стоит 1 🪙; баланс после него: 49 🪙/);
    tg.clickButtonByText(user, offer, "▶️ Выполнить сейчас");
    const quote = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > offer.message_id && m.buttons.some((b) => b.callback_data?.startsWith("ok:")),
    );
    expect(asked("Сколько будет 2+2?")).toBe(0);
    tg.clickButton(user, quote, quote.buttons.find((b) => b.callback_data?.startsWith("ok:"))!.callback_data!);
    await tg.waitForBotMessage(user.id, (m) => m.content.includes('Answer to: "Сколько будет 2+2?"'));
    expect(asked("Сколько будет 2+2?")).toBe(1);
    expect(await balanceOf(tg, user)).toBe(49);
    await tg.expectClean();
  }, 60_000);

  it("a purchase too small for the kept request offers nothing, and the request stays kept", async () => {
    const { tg } = stack;
    const user = testUser(9803);
    await brokeUser(user);
    const refusal = await say(tg, user, "Keep me", (c) => /Not enough tokens/.test(c));
    // As if it were a pricier request than the smallest package covers (Starter's models cost less).
    const storage = openStorage(stack.env.DATABASE_URL!);
    await storage.db.updateTable("generations").set({ price: 60 }).where("user_id", "=", user.id).execute();
    await storage.close();
    const pkg = refusal.buttons.find((b) => b.callback_data?.startsWith("buy:"));
    tg.clickButton(user, refusal, pkg!.callback_data!);
    const invoice = await tg.waitForBotMessage(user.id, (m) => m.kind === "invoice");
    await tg.pay(user, {
      currency: "XTR",
      total_amount: invoice.invoice!.total_amount,
      invoice_payload: invoice.invoice!.payload,
      telegram_payment_charge_id: "stxKept9803",
    });
    const receipt = await tg.waitForBotMessage(user.id, (m) => /Payment received/.test(m.content));
    // A chat's updates are handled in order: once /balance is answered, the payment's handling is over.
    const balance = await say(tg, user, "/balance", (c) => /Balance/.test(c));
    const between = tg
      .messages(user.id)
      .filter((m) => m.message_id > receipt.message_id && m.message_id < balance.message_id);
    expect(between).toEqual([]);
    const storage2 = openStorage(stack.env.DATABASE_URL!);
    const kept = await storage2.db.selectFrom("kept_prompts").selectAll().where("user_id", "=", user.id).execute();
    await storage2.close();
    expect(kept.map((k) => k.used_at)).toEqual([null]);
    await tg.expectClean();
  }, 60_000);
});
