import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import type { FlatButton, InvoiceInfo, TgUser } from "../support/telegram/emulator.js";

const dataOf = (b: FlatButton) => ("callback_data" in b ? b.callback_data : undefined);
const urlOf = (b: FlatButton) => ("url" in b ? b.url : undefined);

describe("referrals, promo codes and /user end to end", () => {
  let stack: Stack;
  const admin = testUser(ADMIN_ID);

  beforeAll(async () => {
    stack = await startStack({});
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function invoiceFor(user: TgUser, packageName: string): Promise<InvoiceInfo> {
    const { tg } = stack;
    const screen = await say(tg, user, "/buy", (c) => /Token packages/.test(c));
    const button = screen.buttons.find((b) => b.text.startsWith(`${packageName} ·`));
    tg.clickButton(user, screen, dataOf(button!)!);
    const message = await tg.waitForBotMessage(
      user.id,
      (m) => m.kind === "invoice" && m.message_id > screen.message_id,
    );
    return message.invoice!;
  }

  it("pays the referrer 10% of a referred purchase once, and a refund takes it back", async () => {
    const { tg } = stack;
    const alice = testUser(8101);
    const bob = testUser(8102);
    await say(tg, alice, "/start");
    expect(await balanceOf(tg, alice)).toBe(50);

    const screen = await say(tg, alice, "/referral", (c) => /Invite friends/.test(c));
    expect(screen.content).toContain(`https://t.me/${tg.botUser.username}?start=ref_${alice.id}`);
    expect(screen.content).toMatch(/Joined: 0 · Paid: 0 · Earned: 0/);
    const share = screen.buttons.map(urlOf).find(Boolean);
    expect(share).toMatch(/^https:\/\/t\.me\/share\/url\?url=/);

    await say(tg, bob, `/start ref_${alice.id}`);
    // A second /start with another link changes nothing: the referrer is set once.
    await say(tg, bob, `/start ref_${admin.id}`);
    const invoice = await invoiceFor(bob, "Light");
    const charge = {
      currency: "XTR",
      total_amount: invoice.prices[0]!.amount,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxLightBob",
    };
    const { preCheckout } = await tg.pay(bob, charge);
    expect(preCheckout.ok).toBe(true);
    await tg.waitForBotMessage(bob.id, (m) => /Payment received/.test(m.content));
    const notice = await tg.waitForBotMessage(alice.id, (m) => /through your link/.test(m.content));
    expect(notice.content).toMatch(/\+10 🪙\. Balance: 60 🪙/);
    expect(await balanceOf(tg, alice)).toBe(60);
    expect(await balanceOf(tg, bob)).toBe(150);

    tg.successfulPayment(bob, charge);
    await tg.waitForBotMessage(bob.id, (m) => /already credited/.test(m.content));
    expect(await balanceOf(tg, alice)).toBe(60);

    const after = await say(tg, alice, "/referral", (c) => /Invite friends/.test(c));
    expect(after.content).toMatch(/Joined: 1 · Paid: 1 · Earned: 10/);

    await say(tg, admin, "/refund stxLightBob", (c) => /Refunded/.test(c));
    expect(await balanceOf(tg, alice)).toBe(50);
    expect(await balanceOf(tg, bob)).toBe(50);
    const refunded = await say(tg, alice, "/referral", (c) => /Invite friends/.test(c));
    expect(refunded.content).toMatch(/Earned: 0/);
  });

  it("refuses a self-referral", async () => {
    const { tg } = stack;
    const carol = testUser(8103);
    await say(tg, carol, `/start ref_${carol.id}`);
    const invoice = await invoiceFor(carol, "Start");
    await tg.pay(carol, {
      currency: "XTR",
      total_amount: invoice.prices[0]!.amount,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxSelf",
    });
    await tg.waitForBotMessage(carol.id, (m) => /Payment received/.test(m.content));
    expect(await balanceOf(tg, carol)).toBe(100);
    const screen = await say(tg, carol, "/referral", (c) => /Invite friends/.test(c));
    expect(screen.content).toMatch(/Joined: 0 · Paid: 0 · Earned: 0/);
  });

  it("redeems SPRING once per user, for two users, then refuses it as used up", async () => {
    const { tg } = stack;
    const [alice, bob, carol] = [testUser(8201), testUser(8202), testUser(8203)];
    for (const user of [alice, bob, carol]) await say(tg, user, "/start");

    const created = await say(tg, admin, "/promo_create SPRING 25 2", (c) => /SPRING/.test(c));
    expect(created.content).toMatch(/Code SPRING created: \+25 🪙/);

    const first = await say(tg, alice, "/promo SPRING", (c) => /SPRING/.test(c));
    expect(first.content).toMatch(/\+25 🪙\. Balance: 75 🪙/);
    const again = await say(tg, alice, "/promo spring", (c) => /SPRING/.test(c));
    expect(again.content).toMatch(/already used/);
    expect(await balanceOf(tg, alice)).toBe(75);

    // The deep link redeems too, and then shows the menu as /start does.
    await say(tg, bob, "/start promo_Spring", (c) => /SPRING/.test(c));
    expect(await balanceOf(tg, bob)).toBe(75);

    const refused = await say(tg, carol, "/promo SPRING", (c) => /SPRING/.test(c));
    expect(refused.content).toMatch(/used up/);
    expect(await balanceOf(tg, carol)).toBe(50);

    const list = await say(tg, admin, "/promo_list", (c) => /Promo codes/.test(c));
    expect(list.content).toMatch(/SPRING — \+25 🪙 · used 2\/2/);
    // Non-admins get no answer at all to admin commands.
    const before = tg.messages(carol.id).length;
    tg.sendText(carol, "/promo_create FREE 1000");
    await say(tg, carol, "/promo FREE", (c) => /FREE/.test(c)).then((m) => expect(m.content).toMatch(/no code/));
    expect(tg.messages(carol.id).length).toBe(before + 1);
  });

  it("gives a +PERCENT% code as a bonus on the next package purchase", async () => {
    const { tg } = stack;
    const dave = testUser(8301);
    await say(tg, dave, "/start");
    await say(tg, admin, "/promo_create BOOST +20% 5 expires 2099-12-31", (c) => /BOOST/.test(c));
    const accepted = await say(tg, dave, "/promo boost", (c) => /BOOST/.test(c));
    expect(accepted.content).toMatch(/next token package comes with \+20%/);
    expect(await balanceOf(tg, dave)).toBe(50);
    const invoice = await invoiceFor(dave, "Light");
    await tg.pay(dave, {
      currency: "XTR",
      total_amount: invoice.prices[0]!.amount,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: "stxBoost",
    });
    const bonus = await tg.waitForBotMessage(dave.id, (m) => /bonus on this purchase/.test(m.content));
    expect(bonus.content).toMatch(/\+20 🪙/);
    expect(await balanceOf(tg, dave)).toBe(170);
  });

  it("/user shows an account to an admin and nothing to anyone else; a blocked user gets one line", async () => {
    const { tg } = stack;
    const erin = testUser(8401);
    await say(tg, erin, "/start");
    const card = await say(tg, admin, `/user ${erin.id}`, (c) => /User/.test(c));
    expect(card.content).toMatch(/Balance: 50 🪙 \(plan \d+ · packages \d+\)/);
    expect(card.content).toMatch(/Blocked: no/);

    const before = tg.calls.length;
    const ownBefore = tg.messages(erin.id).length;
    // Erin is no admin: /user from her gets nothing at all.
    tg.sendText(erin, `/user ${admin.id}`);
    // The next command's answer proves the /user update was handled (updates of a chat run in order).
    await say(tg, erin, "/balance", (c) => /Balance/.test(c));
    expect(tg.messages(erin.id).length).toBe(ownBefore + 1);
    expect(tg.calls.slice(before).filter((c) => c.method === "sendMessage")).toHaveLength(1);

    tg.clickButton(admin, card, dataOf(card.buttons.find((b) => /Grant/.test(b.text))!)!);
    const amounts = await tg.waitForBotMessage(admin.id, (m) => /How many tokens/.test(m.content));
    tg.clickButton(admin, amounts, dataOf(amounts.buttons.find((b) => b.text === "+100")!)!);
    await tg.waitForBotMessage(erin.id, (m) => /You received 100 🪙/.test(m.content));
    expect(await balanceOf(tg, erin)).toBe(150);

    const block = card.buttons.find((b) => /Block/.test(b.text));
    tg.clickButton(admin, card, dataOf(block!)!);
    await tg.waitFor(() =>
      tg.messages(admin.id).find((m) => m.message_id === card.message_id && /Blocked: yes/.test(m.content)),
    );
    const notice = await say(tg, erin, "/models");
    expect(notice.content).toMatch(/access to the bot has been suspended/);
    await tg.expectClean();
  });

  it("/stats adds growth figures and /export sends payments and the ledger as CSV", async () => {
    const { tg } = stack;
    const stats = await say(tg, admin, "/stats", (c) => /Stats/.test(c));
    expect(stats.content).toMatch(/Payments: \d+ from \d+ payers/);
    expect(stats.content).toMatch(/Users: new \d+ \(1 day\)/);
    expect(stats.content).toMatch(/Jobs in flight: 0/);

    const today = new Date().toISOString().slice(0, 10);
    const payments = await say(tg, admin, `/export payments ${today} ${today}`, (c) => /payments:/.test(c));
    expect(payments.kind).toBe("document");
    const csv = payments.media?.bytes?.toString("utf8") ?? "";
    expect(csv.split("\r\n")[0]).toBe(
      "created_at,charge_id,user_id,kind,product,stars,tokens,is_recurring,refunded_at,refunded_tokens",
    );
    expect(csv).toMatch(/,stxBoost,8301,package,light,\d+,100,0,,\r\n/);
    expect(csv).toMatch(/,stxLightBob,8102,package,light,\d+,100,0,20\d\d-/);

    const ledger = await say(tg, admin, `/export ledger ${today} ${today}`, (c) => /ledger:/.test(c));
    const entries = ledger.media?.bytes?.toString("utf8") ?? "";
    expect(entries).toMatch(/,8201,promo,0,25,promo:SPRING:8201,promo:SPRING\r\n/);
    expect(entries).toMatch(/,8101,referral,0,10,referral:stxLightBob,referee:8102\r\n/);

    const usage = await say(tg, admin, "/export ledger 2026-02-30", (c) => /Usage/.test(c));
    expect(usage.content).toMatch(/\/export payments\|ledger/);
  });
});
