import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedger } from "../../src/billing/ledger.js";
import { systemClock } from "../../src/clock.js";
import { openStorage } from "../../src/storage/database.js";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { selectTextModel } from "../support/text-model.js";

describe("refusals and confirmations end to end", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply("fine");
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("refuses when tokens run out, with the price, the balance and buttons to buy", async () => {
    const { tg } = stack;
    const user = testUser(6001);
    await say(tg, user, "/start");
    await selectTextModel(stack.tg, user, "gpt-5-nano");
    // Spend the 50 Starter tokens elsewhere, as earlier requests would have.
    const storage = openStorage(stack.env.DATABASE_URL!);
    const ledger = createLedger(storage, systemClock);
    await ledger.hold({
      userId: user.id,
      amount: 50,
      key: "earlier",
      model: "gpt-5-nano",
      plan: {
        id: "elite",
        name: "Elite",
        monthlyTokens: 0,
        priceRub: 0,
        perHour: null,
        perDay: null,
        unlocksAllModels: true,
      },
    });
    await ledger.capture("earlier");
    await storage.close();

    const refusal = await say(tg, user, "hello", (c) => /Not enough tokens/.test(c));
    expect(refusal.content).toMatch(/costs 1 🪙, your balance is 0 🪙/);
    expect(refusal.buttons.map((b) => b.text).join(" ")).toMatch(/Buy tokens/);
    expect(openai.chatBodies().some((b) => JSON.stringify(b).includes("hello"))).toBe(false);
    expect(tg.violations).toEqual([]);
  });

  it("asks to confirm above the auto-confirm limit, and cancelling takes nothing", async () => {
    const { tg } = stack;
    const user = testUser(6002);
    await say(tg, user, "/start");
    const settings = await say(tg, user, "/settings");
    tg.clickButton(user, settings, settings.buttons.find((b) => b.text.startsWith("0 "))!.callback_data!);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === settings.message_id && /up to 0/.test(m.content)),
    );
    await selectTextModel(stack.tg, user, "gpt-5-nano");

    const quote = await say(tg, user, "first", (c) => /costs 1 🪙/.test(c));
    tg.clickButton(user, quote, quote.buttons.find((b) => /Cancel/.test(b.text))!.callback_data!);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === quote.message_id && /Cancelled/.test(m.content)),
    );
    expect(await balanceOf(tg, user)).toBe(50);

    const second = await say(tg, user, "second", (c) => /costs 1 🪙/.test(c));
    tg.clickButton(user, second, second.buttons.find((b) => /Confirm/.test(b.text))!.callback_data!);
    await tg.waitForBotMessage(user.id, (m) => m.content.includes("fine") && /balance: 49/.test(m.content));
    // The confirmed quote became the progress message and is gone with the answer: it can't be paid twice.
    expect(tg.messages(user.id).find((m) => m.message_id === second.message_id)).toBeUndefined();
    expect(await balanceOf(tg, user)).toBe(49);
    expect(tg.violations).toEqual([]);
    expect(tg.unansweredCallbackQueries()).toEqual([]);
  });

  it("enforces the Starter hourly limit of 20 requests and says when it ends", async () => {
    const { tg } = stack;
    const user = testUser(6003);
    await say(tg, user, "/start");
    await selectTextModel(stack.tg, user, "gpt-5-nano");
    for (let i = 1; i <= 20; i++) await say(tg, user, `q${i}`, (c) => c.includes("fine"));
    const refusal = await say(tg, user, "q21", (c) => /requests per hour/.test(c));
    expect(refusal.content).toMatch(/20 requests per hour\. You can continue at \d{2}:\d{2} UTC\./);
    // The time is a date_time entity: each reader's app shows it in their own time zone.
    const time = refusal.entities?.find((e) => e.type === "date_time");
    expect(time).toMatchObject({ date_time_format: "t" });
    const unix = time && "unix_time" in time ? time.unix_time : 0;
    expect(unix).toBeGreaterThan(Math.floor(Date.now() / 1000));
    expect(unix).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);
    // A higher plan has a higher hourly limit: offered as the daily limit's refusal does.
    expect(refusal.buttons.map((b) => b.callback_data)).toContain("menu:plans");
    expect(await balanceOf(tg, user)).toBe(30);
    expect(tg.violations).toEqual([]);
  }, 60_000);

  it("lets only admins grant tokens, once per command", async () => {
    const { tg } = stack;
    const user = testUser(6004);
    const admin = testUser(ADMIN_ID);
    await say(tg, user, "/start");
    await say(tg, admin, "/start");
    const ignored = await say(tg, user, `/grant ${user.id} 500`);
    expect(ignored.content).not.toMatch(/Credited/);
    const done = await say(tg, admin, `/grant ${user.id} 25`, (c) => /Credited/.test(c));
    expect(done.content).toMatch(/Credited 25 🪙/);
    await tg.waitForBotMessage(user.id, (m) => /You received 25/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(75);
    expect(tg.violations).toEqual([]);
  });
});
