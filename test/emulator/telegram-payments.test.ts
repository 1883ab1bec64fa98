import { Bot, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator, type TgUser } from "../support/telegram/emulator.js";
import { type PollingBot, startPolling } from "../support/telegram/grammy-harness.js";

const carol: TgUser = { id: 3003, first_name: "Carol", language_code: "de" };
const dave: TgUser = { id: 4004, first_name: "Dave" };
let emu: TelegramEmulator;
let bot: Bot;
let polling: PollingBot | undefined;

beforeEach(async () => {
  emu = await startTelegramEmulator({ preCheckoutDeadlineMs: 300 });
  bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  emu.sendText(carol, "hi");
});
afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await emu.close();
});

async function description(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected the call to fail, got ${String(error)}`);
  return error.description;
}

describe("invoices", () => {
  it("sends a Stars invoice as an invoice message", async () => {
    const keyboard = new InlineKeyboard().pay("Pay ⭐100").row().text("Cancel", "cancel");
    await bot.api.sendInvoice(
      carol.id,
      "100 tokens",
      "Top up your balance",
      "topup:100",
      "XTR",
      [{ label: "100 tokens", amount: 100 }],
      {
        reply_markup: keyboard,
      },
    );
    const message = emu.lastBotMessage(carol.id);
    expect(message).toMatchObject({ kind: "invoice", content: "100 tokens" });
    expect(message?.raw.invoice).toEqual({
      title: "100 tokens",
      description: "Top up your balance",
      start_parameter: "",
      currency: "XTR",
      total_amount: 100,
    });
    expect(emu.invoices).toMatchObject([{ chat_id: carol.id, payload: "topup:100", total_amount: 100 }]);
    expect(emu.violations).toEqual([]);
  });

  const valid = { title: "T", description: "D", payload: "p", currency: "XTR", prices: [{ label: "L", amount: 5 }] };
  it.each([
    ["a non-Stars currency", { currency: "USD" }, "PAYMENT_PROVIDER_INVALID"],
    [
      "two prices",
      {
        prices: [
          { label: "a", amount: 1 },
          { label: "b", amount: 2 },
        ],
      },
      "STARS_INVOICE_INVALID",
    ],
    ["a provider token", { provider_token: "284685063:TEST:abc" }, "STARS_INVOICE_INVALID"],
    ["a zero amount", { prices: [{ label: "a", amount: 0 }] }, "CURRENCY_TOTAL_AMOUNT_INVALID"],
    ["no prices", { prices: [] }, "there must be at least one price"],
    ["a 33-character title", { title: "t".repeat(33) }, "TITLE_INVALID"],
    ["a 256-character description", { description: "d".repeat(256) }, "DESCRIPTION_INVALID"],
    ["a 129-byte payload", { payload: "p".repeat(129) }, "INVOICE_PAYLOAD_INVALID"],
    ["tips", { max_tip_amount: 10 }, "STARS_INVOICE_INVALID"],
    [
      "a keyboard not starting with Pay",
      { reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "x" }]] } },
      "REPLY_MARKUP_BUY_EMPTY",
    ],
  ])("rejects an invoice with %s", async (_name, change, reason) => {
    const params = { ...valid, ...change };
    const call = bot.api.raw.sendInvoice({ chat_id: carol.id, ...params } as Parameters<
      typeof bot.api.raw.sendInvoice
    >[0]);
    expect(await description(call)).toBe(`Bad Request: ${reason}`);
    expect(emu.violations).toHaveLength(1);
    expect(emu.messages(carol.id)).toEqual([]);
  });

  it("creates subscription links only for 30-day periods", async () => {
    const prices = [{ label: "Monthly", amount: 250 }];
    const link = await bot.api.createInvoiceLink("Pro", "Monthly plan", "sub:pro", "", "XTR", prices, {
      subscription_period: 2592000,
    });
    expect(link).toMatch(/^https:\/\/t\.me\/\$[\w-]+$/);
    expect(emu.invoiceLinks).toMatchObject([
      { url: link, payload: "sub:pro", total_amount: 250, subscription_period: 2592000 },
    ]);
    const weekly = bot.api.createInvoiceLink("Pro", "Weekly", "sub:w", "", "XTR", prices, {
      subscription_period: 604800,
    });
    expect(await description(weekly)).toBe("Bad Request: SUBSCRIPTION_PERIOD_INVALID");
  });
});

describe("checkout", () => {
  it("runs pre-checkout and successful payment through a polling bot", async () => {
    const credited: string[] = [];
    bot.on("pre_checkout_query", (ctx) =>
      ctx.preCheckoutQuery.invoice_payload === "topup:100"
        ? ctx.answerPreCheckoutQuery(true)
        : ctx.answerPreCheckoutQuery(false, "Unknown item"),
    );
    bot.on("message:successful_payment", (ctx) => {
      credited.push(ctx.message.successful_payment.telegram_payment_charge_id);
    });
    polling = await startPolling(bot);

    const paid = await emu.pay(carol, { currency: "XTR", total_amount: 100, invoice_payload: "topup:100" });
    expect(paid.preCheckout).toMatchObject({ ok: true });
    expect(paid.preCheckout.elapsedMs).toBeLessThan(300);
    const chargeId = paid.message?.successful_payment?.telegram_payment_charge_id;
    await emu.waitFor(() => credited.length === 1);
    expect(credited).toEqual([chargeId]);

    const refused = await emu.preCheckout(carol, { currency: "XTR", total_amount: 5, invoice_payload: "forged" });
    expect(refused).toMatchObject({ ok: false, error_message: "Unknown item" });
    await emu.expectClean();
  });

  it("records a violation when the bot misses the pre-checkout deadline, and rejects the late answer", async () => {
    const result = await emu.preCheckout(carol, { currency: "XTR", total_amount: 100, invoice_payload: "slow" });
    expect(result.ok).toBe(false);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(emu.violations).toEqual([
      expect.stringMatching(/pre_checkout_query \d+ \(payload "slow"\) was not answered within 300 ms/),
    ]);
    const queryId = (emu.pendingUpdates().at(-1)?.pre_checkout_query?.id ?? "") as string;
    expect(await description(bot.api.answerPreCheckoutQuery(queryId, true))).toBe(
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    expect(emu.violations[1]).toMatch(/after the 300 ms deadline/);
  });

  it("requires an error message when declining and refuses a second answer", async () => {
    const pending = emu.preCheckout(carol, { currency: "XTR", total_amount: 1, invoice_payload: "x" });
    const id = emu.pendingUpdates().at(-1)?.pre_checkout_query?.id ?? "";
    expect(await description(bot.api.raw.answerPreCheckoutQuery({ pre_checkout_query_id: id, ok: false }))).toBe(
      'Bad Request: parameter "error_message" is required',
    );
    await bot.api.answerPreCheckoutQuery(id, true);
    expect((await pending).ok).toBe(true);
    expect(await description(bot.api.answerPreCheckoutQuery(id, true))).toMatch(/query is too old/);
    expect(emu.violations[1]).toMatch(/answered twice/);
  });
});

describe("refunds, subscriptions and the Stars ledger", () => {
  it("refunds a payment once, only to its payer, and keeps the balance", async () => {
    const payment = emu.successfulPayment(carol, { currency: "XTR", total_amount: 40, invoice_payload: "topup:40" });
    const chargeId = payment.successful_payment?.telegram_payment_charge_id ?? "";
    emu.successfulPayment(carol, {
      currency: "XTR",
      total_amount: 40,
      invoice_payload: "topup:40",
      telegram_payment_charge_id: chargeId,
    });
    expect(emu.payments.size).toBe(1); // a redelivered payment is the same charge
    expect(await bot.api.getMyStarBalance()).toEqual({ amount: 40 });

    expect(await description(bot.api.refundStarPayment(dave.id, chargeId))).toBe("Bad Request: CHARGE_NOT_FOUND");
    expect(await description(bot.api.refundStarPayment(carol.id, "stxNope"))).toBe("Bad Request: CHARGE_NOT_FOUND");
    expect(await bot.api.refundStarPayment(carol.id, chargeId)).toBe(true);
    expect(await description(bot.api.refundStarPayment(carol.id, chargeId))).toBe(
      "Bad Request: CHARGE_ALREADY_REFUNDED",
    );
    expect(emu.refunds).toEqual([{ user_id: carol.id, telegram_payment_charge_id: chargeId }]);

    const { transactions } = await bot.api.getStarTransactions({ limit: 10 });
    expect(transactions.map((t) => [t.id, t.amount, t.source ? "in" : "out"])).toEqual([
      [chargeId, 40, "out"],
      [chargeId, 40, "in"],
    ]);
    expect(await bot.api.getMyStarBalance()).toEqual({ amount: 0 });
    expect(emu.violations).toHaveLength(3);
  });

  it("lists payments the bot never got an update for, and refunds made without it, in getStarTransactions", async () => {
    const queued = emu.pendingUpdates().length;
    const chargeId = emu.paymentWithoutUpdate(carol, { currency: "XTR", total_amount: 75, invoice_payload: "pkg:x" });
    expect(emu.pendingUpdates()).toHaveLength(queued);
    expect(emu.payments.get(chargeId)).toMatchObject({ user_id: carol.id, total_amount: 75, refunded: false });
    emu.refundWithoutBot(carol.id, chargeId);
    expect(() => emu.refundWithoutBot(carol.id, chargeId)).toThrow(/refunded before/);
    const { transactions } = await bot.api.getStarTransactions({ offset: 0, limit: 100 });
    expect(transactions).toEqual([
      {
        id: chargeId,
        amount: 75,
        date: expect.any(Number),
        receiver: expect.objectContaining({ type: "user", transaction_type: "invoice_payment" }),
      },
      {
        id: chargeId,
        amount: 75,
        date: expect.any(Number),
        source: expect.objectContaining({
          type: "user",
          transaction_type: "invoice_payment",
          invoice_payload: "pkg:x",
          user: expect.objectContaining({ id: carol.id }),
        }),
      },
    ]);
    expect(await description(bot.api.refundStarPayment(carol.id, chargeId))).toBe(
      "Bad Request: CHARGE_ALREADY_REFUNDED",
    );
  });

  it("edits subscriptions and delivers subscription updates", async () => {
    const states: string[] = [];
    bot.on("subscription", (ctx) => {
      states.push(ctx.update.subscription?.state ?? "?");
    });
    polling = await startPolling(bot);
    const first = emu.successfulPayment(carol, {
      currency: "XTR",
      total_amount: 250,
      invoice_payload: "sub:pro",
      is_first_recurring: true,
      is_recurring: true,
      subscription_expiration_date: Math.floor(Date.now() / 1000) + 2592000,
    });
    const chargeId = first.successful_payment?.telegram_payment_charge_id ?? "";
    await bot.api.editUserStarSubscription(carol.id, chargeId, true);
    expect(emu.subscriptionEdits).toEqual([
      { user_id: carol.id, telegram_payment_charge_id: chargeId, is_canceled: true },
    ]);
    const oneOff = emu.successfulPayment(carol, { currency: "XTR", total_amount: 5, invoice_payload: "x" });
    const notSub = bot.api.editUserStarSubscription(
      carol.id,
      oneOff.successful_payment?.telegram_payment_charge_id ?? "",
      true,
    );
    expect(await description(notSub)).toBe("Bad Request: CHARGE_NOT_FOUND");

    emu.subscriptionUpdate(carol, { invoice_payload: "sub:pro", state: "canceled" });
    await emu.waitFor(() => states.length === 1);
    expect(states).toEqual(["canceled"]);
  });
});
