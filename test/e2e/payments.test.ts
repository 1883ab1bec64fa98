import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedger } from "../../src/billing/ledger.js";
import { systemClock } from "../../src/clock.js";
import { openStorage } from "../../src/storage/database.js";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { testPlans } from "../support/plans.js";
import type { BotMessage, FlatButton, InvoiceInfo, TgUser } from "../support/telegram/emulator.js";

const DAY_S = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);
const dataOf = (b: FlatButton) => ("callback_data" in b ? b.callback_data : undefined);
const urlOf = (b: FlatButton) => ("url" in b ? b.url : undefined);

describe("Telegram Stars payments end to end", () => {
  let openai: OpenAiFake;
  let stack: Stack;
  const admin = testUser(ADMIN_ID);

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply("ok");
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  /** Opens /buy, taps a package and returns the invoice the bot sent. */
  async function invoiceFor(user: TgUser, packageName: string): Promise<InvoiceInfo> {
    const { tg } = stack;
    const screen = await say(tg, user, "/buy", (c) => /Token packages/.test(c));
    const button = screen.buttons.find((b) => b.text.startsWith(`${packageName} ·`));
    expect(button && dataOf(button)).toBeDefined();
    const before = tg.invoices.length;
    tg.clickButton(user, screen, dataOf(button!)!);
    const message = await tg.waitForBotMessage(
      user.id,
      (m) => m.kind === "invoice" && m.message_id > screen.message_id,
    );
    expect(tg.invoices.length).toBe(before + 1);
    return message.invoice!;
  }

  /** Opens /plans, taps a plan and returns the subscription link's invoice, or the card if it has none. */
  async function planCard(
    user: TgUser,
    planName: string,
  ): Promise<{ card: BotMessage; link?: InvoiceInfo & { url: string } }> {
    const { tg } = stack;
    const screen = await say(tg, user, "/plans", (c) => /Plans/.test(c));
    const button = screen.buttons.find((b) => b.text.replace(/^✅ /, "").startsWith(`${planName} ·`));
    const links = tg.invoiceLinks.length;
    tg.clickButton(user, screen, dataOf(button!)!);
    const card = await tg.waitFor(() => {
      const m = tg.messages(user.id).find((x) => x.message_id === screen.message_id);
      return m?.content.includes("• all 52 models") ? m : undefined;
    });
    const url = card.buttons.map(urlOf).find(Boolean);
    const link = url ? tg.invoiceLinks.slice(links).find((l) => l.url === url) : undefined;
    return { card, link };
  }

  async function selectNano(user: TgUser) {
    const { tg } = stack;
    const menu = await say(tg, user, "/models");
    tg.clickButton(user, menu, dataOf(menu.buttons.find((b) => /Text/.test(b.text))!)!);
    const list = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.buttons.some((b) => b.text.includes("GPT-5 nano"))),
    );
    tg.clickButton(user, list, dataOf(list.buttons.find((b) => b.text.includes("GPT-5 nano"))!)!);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === list.message_id && /Selected/.test(m.content)),
    );
  }

  it("buys Start: XTR invoice, quick pre-checkout, 50 → 100, a duplicate changes nothing, an admin refund goes back to 50", async () => {
    const { tg } = stack;
    const user = testUser(7101);
    await say(tg, user, "/start");
    expect(await balanceOf(tg, user)).toBe(50);

    const invoice = await invoiceFor(user, "Start");
    expect(invoice.currency).toBe("XTR");
    expect(invoice.prices).toEqual([{ label: "50 tokens", amount: 125 }]);
    expect(invoice.payload).toMatch(new RegExp(`^pkg:start:${user.id}:`));
    const call = tg.callsOf("sendInvoice").at(-1)!;
    expect(call.params.provider_token ?? "").toBe("");

    const charge = {
      currency: "XTR",
      total_amount: 125,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxStart7101",
    };
    const { preCheckout } = await tg.pay(user, charge);
    expect(preCheckout.ok).toBe(true);
    expect(preCheckout.elapsedMs).toBeLessThan(2000);
    const receipt = await tg.waitForBotMessage(user.id, (m) => /Payment received/.test(m.content));
    expect(receipt.content).toMatch(/Start, \+50 🪙 for 125 ⭐/);
    expect(receipt.content).toContain("stxStart7101");
    expect(await balanceOf(tg, user)).toBe(100);

    tg.successfulPayment(user, charge);
    await tg.waitForBotMessage(user.id, (m) => /already credited/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(100);

    // To anyone but an admin, /refund does not exist.
    await say(tg, user, "/refund stxStart7101", (c) => /did not understand/.test(c));
    expect(tg.callsOf("refundStarPayment")).toHaveLength(0);
    expect(await balanceOf(tg, user)).toBe(100);

    const done = await say(tg, admin, "/refund stxStart7101", (c) => /Refunded/.test(c));
    expect(done.content).toMatch(
      /Refunded 125 ⭐ to user 7101 for Start\. Took back 50 🪙; 0 🪙 had already been spent/,
    );
    expect(tg.refunds).toEqual([{ user_id: user.id, telegram_payment_charge_id: "stxStart7101" }]);
    await tg.waitForBotMessage(user.id, (m) => /was refunded/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(50);

    await say(tg, admin, "/refund stxStart7101", (c) => /already refunded/.test(c));
    expect(tg.callsOf("refundStarPayment")).toHaveLength(1);
    expect(await balanceOf(tg, user)).toBe(50);

    const support = await say(tg, user, "/paysupport", (c) => /Payment support/.test(c));
    expect(support.content).toMatch(/Start · 125 ⭐ · refunded/);
    expect(support.content).toContain("stxStart7101");

    const balance = await say(tg, user, "/balance", (c) => /Balance/.test(c));
    tg.clickButton(user, balance, dataOf(balance.buttons.find((b) => /History/.test(b.text))!)!);
    const history = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === balance.message_id && /Token history/.test(m.content)),
    );
    expect(history.content).toMatch(/refund of Start · -50/);
    expect(history.content).toMatch(/bought Start · \+50/);
    expect(history.content).toMatch(/welcome tokens · \+50/);
    await tg.expectClean();
  });

  it("declines tampered, foreign and outdated invoices at pre-checkout and credits nothing", async () => {
    const { tg } = stack;
    const user = testUser(7102);
    const other = testUser(7103);
    await say(tg, user, "/start");
    await say(tg, other, "/start");
    const invoice = await invoiceFor(user, "Light");
    const base = { currency: "XTR", total_amount: invoice.total_amount, invoice_payload: invoice.payload };

    const tampered = await tg.preCheckout(user, {
      ...base,
      invoice_payload: invoice.payload.replace(":light:", ":ultra:"),
    });
    expect(tampered).toMatchObject({ ok: false, error_message: expect.stringMatching(/not valid/) });
    expect(tampered.elapsedMs).toBeLessThan(2000);
    const cheaper = await tg.preCheckout(user, { ...base, total_amount: 1 });
    expect(cheaper).toMatchObject({ ok: false, error_message: expect.stringMatching(/price has changed/) });
    const foreign = await tg.preCheckout(other, base);
    expect(foreign).toMatchObject({ ok: false, error_message: expect.stringMatching(/another user/) });

    expect(await balanceOf(tg, user)).toBe(50);
    expect(await balanceOf(tg, other)).toBe(50);
    await tg.expectClean();
  });

  it("answers pre-checkout at once while the same user's generation is still running", async () => {
    const { tg } = stack;
    const user = testUser(7104);
    await say(tg, user, "/start");
    await selectNano(user);
    const invoice = await invoiceFor(user, "Start");

    const asked = openai.chatBodies().length;
    openai.delayNext(5000);
    tg.sendText(user, "take your time");
    await tg.waitFor(() => openai.chatBodies().length > asked || undefined, 5000, "the slow generation to start");
    const { preCheckout } = await tg.pay(user, {
      currency: "XTR",
      total_amount: invoice.total_amount,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxSlow7104",
    });
    expect(preCheckout.ok).toBe(true);
    // Answered while the upstream still holds the answer back: the payment did not wait for the job.
    expect(tg.messages(user.id).some((m) => /1 🪙 · balance: \d+/.test(m.content))).toBe(false);
    await tg.waitForBotMessage(user.id, (m) => /Payment received/.test(m.content));
    await tg.waitForBotMessage(user.id, (m) => /1 🪙 · balance: \d+/.test(m.content), 15_000);
    expect(await balanceOf(tg, user)).toBe(99);
    await tg.expectClean();
  }, 30_000);

  it("subscribes to Basic by link keeping the Starter tokens, renews without roll-over, cancels and resumes renewal", async () => {
    const { tg } = stack;
    const user = testUser(7105);
    await say(tg, user, "/start");
    // Three Starter tokens spent: the 47 left are one-time tokens, which a plan adds to (47 → 347).
    await selectNano(user);
    for (const n of [49, 48, 47]) await say(tg, user, `hi ${n}`, (c) => c.includes(`balance: ${n}`));
    const { link } = await planCard(user, "Basic");
    expect(link).toBeDefined();
    expect(link).toMatchObject({ currency: "XTR", subscription_period: 2_592_000, total_amount: 445 });
    expect(link!.prices).toHaveLength(1);
    expect(link!.payload).toMatch(new RegExp(`^plan:basic:${user.id}:`));

    const first = { currency: "XTR", total_amount: 445, invoice_payload: link!.payload };
    await tg.pay(user, {
      ...first,
      telegram_payment_charge_id: "stxSub7105a",
      subscription_expiration_date: nowS() + 30 * DAY_S,
      is_first_recurring: true,
    });
    await tg.waitForBotMessage(user.id, (m) => /Plan Basic is active until/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(347);

    // Spend a token, then the renewal sets the subscription bucket back to 300: no roll-over.
    await say(tg, user, "hello", (c) => /balance: 346/.test(c));
    tg.successfulPayment(user, {
      ...first,
      telegram_payment_charge_id: "stxSub7105b",
      subscription_expiration_date: nowS() + 60 * DAY_S,
      is_recurring: true,
    });
    await tg.waitForBotMessage(user.id, (m) => /Plan Basic renewed until/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(347);

    // A second plan while this one renews is refused, by the card and at pre-checkout.
    const { card, link: none } = await planCard(user, "Pro");
    expect(none).toBeUndefined();
    expect(card.content).toMatch(/cancel its renewal first/);
    const proPayload = link!.payload.replace("plan:basic", "plan:pro");
    expect((await tg.preCheckout(user, { currency: "XTR", total_amount: 845, invoice_payload: proPayload })).ok).toBe(
      false,
    );

    const plans = await say(tg, user, "/plans", (c) => /renews automatically/.test(c));
    tg.clickButton(user, plans, dataOf(plans.buttons.find((b) => /Cancel renewal/.test(b.text))!)!);
    const ask = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === plans.message_id && /Cancel the renewal/.test(m.content)),
    );
    tg.clickButton(user, ask, dataOf(ask.buttons.find((b) => /Yes/.test(b.text))!)!);
    const canceled = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === plans.message_id && /Renewal cancelled/.test(m.content)),
    );
    expect(tg.subscriptionEdits.at(-1)).toEqual({
      user_id: user.id,
      telegram_payment_charge_id: "stxSub7105b",
      is_canceled: true,
    });
    expect(await balanceOf(tg, user)).toBe(347);

    tg.clickButton(user, canceled, dataOf(canceled.buttons.find((b) => /Resume renewal/.test(b.text))!)!);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === plans.message_id && /Renewal resumed/.test(m.content)),
    );
    expect(tg.subscriptionEdits.at(-1)).toMatchObject({ is_canceled: false });

    // The same change made in Telegram arrives as a subscription update.
    tg.subscriptionUpdate(user, { invoice_payload: link!.payload, state: "canceled" });
    await tg.waitForBotMessage(user.id, (m) => /You cancelled the renewal of Basic/.test(m.content));
    await say(tg, user, "/plans", (c) => /Renewal is cancelled/.test(c));
    tg.subscriptionUpdate(user, { invoice_payload: link!.payload, state: "active" });
    await tg.waitForBotMessage(user.id, (m) => /renewal of Basic is on again/.test(m.content));

    // Refunding the current cycle ends the plan and stops its renewal.
    const refund = await say(tg, admin, "/refund stxSub7105b", (c) => /Refunded/.test(c));
    expect(refund.content).toMatch(/Took back 300 🪙; 0 🪙 had already been spent\. Their plan ended\./);
    expect(tg.refunds.at(-1)).toEqual({ user_id: user.id, telegram_payment_charge_id: "stxSub7105b" });
    expect(tg.subscriptionEdits.at(-1)).toMatchObject({ telegram_payment_charge_id: "stxSub7105b", is_canceled: true });
    const after = await say(tg, user, "/balance", (c) => /Balance/.test(c));
    expect(after.content).toMatch(/Balance: 47 🪙/);
    expect(after.content).toMatch(/Plan: Starter/);
    await tg.expectClean();
  }, 30_000);

  it("lapses to Starter keeping package tokens, then a late renewal starts a fresh cycle", async () => {
    const { tg } = stack;
    const user = testUser(7106);
    await say(tg, user, "/start");
    const invoice = await invoiceFor(user, "Light");
    await tg.pay(user, {
      currency: "XTR",
      total_amount: invoice.total_amount,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxPkg7106",
    });
    await tg.waitForBotMessage(user.id, (m) => /Payment received/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(150);

    const { link } = await planCard(user, "VIP");
    const plan = { currency: "XTR", total_amount: link!.total_amount, invoice_payload: link!.payload };
    await tg.pay(user, {
      ...plan,
      telegram_payment_charge_id: "stxVip7106a",
      subscription_expiration_date: nowS() + 2,
    });
    await tg.waitForBotMessage(user.id, (m) => /Plan VIP is active/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(1650);

    await new Promise((r) => setTimeout(r, 3000));
    const lapsed = await say(tg, user, "/balance", (c) => /Balance/.test(c));
    expect(lapsed.content).toMatch(/Balance: 150 🪙/);
    expect(lapsed.content).toMatch(/Plan: Starter/);

    tg.successfulPayment(user, {
      ...plan,
      telegram_payment_charge_id: "stxVip7106b",
      subscription_expiration_date: nowS() + 30 * DAY_S,
      is_recurring: true,
    });
    await tg.waitForBotMessage(user.id, (m) => /Plan VIP renewed/.test(m.content));
    expect(await balanceOf(tg, user)).toBe(1650);
    await tg.expectClean();
  }, 30_000);

  it("offers the two cheapest packages right in the out-of-tokens refusal", async () => {
    const { tg } = stack;
    const user = testUser(7109);
    await say(tg, user, "/start");
    await selectNano(user);
    const storage = openStorage(stack.env.DATABASE_URL!);
    const ledger = createLedger(storage, systemClock);
    await ledger.hold({ userId: user.id, amount: 50, key: "earlier", model: "gpt-5-nano", plan: testPlans.elite });
    await ledger.capture("earlier");
    await storage.close();

    const refusal = await say(tg, user, "hello", (c) => /Not enough tokens/.test(c));
    const texts = refusal.buttons.map((b) => b.text);
    expect(texts).toEqual(expect.arrayContaining(["Start · 50 🪙 · 125 ⭐", "Light · 100 🪙 · 225 ⭐"]));
    tg.clickButton(user, refusal, dataOf(refusal.buttons.find((b) => b.text.startsWith("Start"))!)!);
    const invoice = await tg.waitForBotMessage(
      user.id,
      (m) => m.kind === "invoice" && m.message_id > refusal.message_id,
    );
    expect(invoice.invoice).toMatchObject({ currency: "XTR", total_amount: 125 });
    await tg.expectClean();
  });

  it("never credits twice when the same payment arrives again after a restart", async () => {
    const { tg } = stack;
    const user = testUser(7108);
    await say(tg, user, "/start");
    const invoice = await invoiceFor(user, "Start");
    const charge = {
      currency: "XTR",
      total_amount: invoice.total_amount,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxRestart7108",
    };
    await tg.pay(user, charge);
    await tg.waitForBotMessage(user.id, (m) => /Payment received/.test(m.content));
    await stack.bot.kill();
    await stack.restart();
    tg.successfulPayment(user, charge);
    await tg.waitForBotMessage(user.id, (m) => /already credited/.test(m.content), 15_000);
    expect(await balanceOf(tg, user)).toBe(100);
    await tg.expectClean();
  }, 40_000);

  it("shows terms, and stats to admins only", async () => {
    const { tg } = stack;
    const user = testUser(7107, "ru");
    await say(tg, user, "/terms", (c) => /Условия продажи/.test(c));
    await say(tg, user, "/stats", (c) => /не понял|did not understand/i.test(c));
    await say(tg, user, "/paysupport верните <b>деньги</b> stx123", (c) => /отправлено в поддержку/.test(c));
    const request = await tg.waitForBotMessage(admin.id, (m) => /Support request/.test(m.content));
    expect(request.content).toContain("верните <b>деньги</b> stx123");
    expect(request.content).toContain(String(user.id));
    const stats = await say(tg, admin, "/stats", (c) => /Stats/.test(c));
    expect(stats.content).toMatch(/Payments: \d+ from \d+ payers/);
    expect(stats.content).toMatch(/gpt-5-nano — \d+ 🪙/);
    expect(tg.violations).toEqual([]);
  });
});
