import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloadSecret, payloadSecretFrom, signPayload } from "../../src/billing/invoice-payload.js";
import { dropTempPostgres, tempDatabaseUrl, tempPostgresUrl } from "../support/bot-process.js";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import type { TgUser } from "../support/telegram/emulator.js";

const databases = [
  { name: "sqlite", url: async () => tempDatabaseUrl() },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "postgres", url: () => tempPostgresUrl(process.env.TEST_DATABASE_URL ?? "") }]
    : []),
];

const PAYLOAD_SECRET = "e2e-payload-secret-0123456789";
const START_STARS = 125;

describe.each(databases)("money end to end on $name", (database) => {
  let openai: OpenAiFake;
  let stack: Stack;
  const admin = testUser(ADMIN_ID);

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply("the answer");
    stack = await startStack(
      { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl },
      { DATABASE_URL: await database.url(), PAYLOAD_SECRET, LOG_LEVEL: "debug" },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
    if (stack?.env.DATABASE_URL?.startsWith("postgres")) await dropTempPostgres(stack.env.DATABASE_URL);
  });

  const startPackage = (user: TgUser, secret: Buffer, charge: string) => ({
    currency: "XTR",
    total_amount: START_STARS,
    invoice_payload: signPayload(secret, { kind: "pkg", product: "start", userId: user.id }),
    telegram_payment_charge_id: charge,
  });

  /** Log lines of the running bot process with this message. */
  const logged = (msg: string) =>
    stack.bot
      .output()
      .split("\n")
      .filter((line) => line.includes(`"msg":"${msg}"`));

  it("credits at start, once, a payment whose successful_payment never arrived; a restart does not credit it again", async () => {
    const { tg } = stack;
    const user = testUser(8101);
    expect(await balanceOf(tg, user)).toBe(50);
    await stack.bot.stop();
    // Paid while the bot was down: Telegram lists it, the update is lost. Signed the old way
    // (BOT_TOKEN-derived), as an invoice sent before PAYLOAD_SECRET existed would be.
    tg.paymentWithoutUpdate(user, startPackage(user, payloadSecret(tg.token), "stxMissed8101"));
    await stack.restart();
    const notice = await tg.waitForBotMessage(user.id, (m) => /payment of 125 ⭐ is credited/.test(m.content), 60_000);
    expect(notice.content).toContain("+50 🪙");
    expect(notice.content).toContain("stxMissed8101");
    expect(await balanceOf(tg, user)).toBe(100);

    await stack.bot.stop();
    await stack.restart();
    await tg.waitFor(() => logged("stars reconciliation done").length > 0, 60_000, "the second start's reconciliation");
    expect(logged("stars reconciliation done")[0]).toContain('"credited":0');
    expect(await balanceOf(tg, user)).toBe(100);
    expect(tg.messages(user.id).filter((m) => /is credited/.test(m.content))).toHaveLength(1);
    await tg.expectClean();
  }, 90_000);

  it("/reconcile credits a missed payment and takes back a refund made outside the bot, and reports both", async () => {
    const { tg } = stack;
    const user = testUser(8102);
    expect(await balanceOf(tg, user)).toBe(50);
    tg.paymentWithoutUpdate(user, startPackage(user, payloadSecretFrom(PAYLOAD_SECRET), "stxAdmin8102"));
    const report = await say(tg, admin, "/reconcile", (c) => /Stars reconciliation/.test(c));
    expect(report.content).toContain("Payments credited now: 1");
    expect(report.content).toContain("stxAdmin8102");
    expect(report.content).toMatch(/user 8102 · 125 ⭐ · 50 🪙/);
    expect(await balanceOf(tg, user)).toBe(100);

    tg.refundWithoutBot(user.id, "stxAdmin8102");
    const second = await say(tg, admin, "/reconcile", (c) => /Stars reconciliation/.test(c));
    expect(second.content).toContain("Payments credited now: 0");
    expect(second.content).toContain("Refunds taken back now: 1");
    expect(await balanceOf(tg, user)).toBe(50);

    const third = await say(tg, admin, "/reconcile", (c) => /Stars reconciliation/.test(c));
    expect(third.content).toMatch(/credited now: 0[\s\S]*taken back now: 0/);
    // To anyone else the command does not exist.
    await say(tg, user, "/reconcile", (c) => /did not understand/.test(c));
    await tg.expectClean();
  });

  it("refuses /grant amounts that are not decimal integers", async () => {
    const { tg } = stack;
    const user = testUser(8103);
    expect(await balanceOf(tg, user)).toBe(50);
    for (const amount of ["0x10", "1e3", "16.0", "+16"]) {
      const reply = await say(tg, admin, `/grant ${user.id} ${amount}`);
      expect(reply.content).toContain("Usage: /grant");
    }
    await say(tg, admin, `/grant ${user.id} 16`, (c) => /Credited 16/.test(c));
    expect(await balanceOf(tg, user)).toBe(66);
  });

  it("makes one job and one charge of a prompt update delivered twice", async () => {
    const { tg } = stack;
    const user = testUser(8104);
    const menu = await say(tg, user, "/models");
    tg.clickButton(user, menu, menu.buttons.find((b) => /Text/.test(b.text))!.callback_data!);
    const list = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.buttons.some((b) => b.text.includes("GPT-5 nano"))),
    );
    tg.clickButton(user, list, list.buttons.find((b) => b.text.includes("GPT-5 nano"))!.callback_data!);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === list.message_id && /Selected/.test(m.content)),
    );
    const requestsBefore = openai.chatBodies().length;
    const prompt = tg.sendText(user, "count me once");
    // A crash before the offset was confirmed, or a webhook retry: the same message again.
    tg.injectUpdate({ message: prompt as NonNullable<Update["message"]> });
    await tg.waitFor(() => logged("request message seen before: no second job").length > 0, 20_000, "the repeat");
    await tg.waitForBotMessage(user.id, (m) => m.content.includes("the answer"));
    expect(await balanceOf(tg, user)).toBe(49);
    expect(openai.chatBodies().length - requestsBefore).toBe(1);
    expect(tg.messages(user.id).filter((m) => m.content.includes("the answer"))).toHaveLength(1);
  });

  it("skips channel posts and anonymous group admins without an error", async () => {
    const { tg } = stack;
    const channel = { id: -1_001_000_000_101, type: "channel" as const, title: "News" };
    const group = { id: -1_001_000_000_102, type: "supergroup" as const, title: "Team" };
    const date = Math.floor(Date.now() / 1000);
    const skipped = logged("message without a person as sender skipped").length;
    tg.injectUpdate({ channel_post: { message_id: 1, date, chat: channel, sender_chat: channel, text: "/balance" } });
    tg.injectUpdate({
      message: {
        message_id: 2,
        date,
        chat: group,
        sender_chat: group,
        from: { id: 1_087_968_824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" },
        text: "/balance",
        entities: [{ type: "bot_command", offset: 0, length: 8 }],
      },
    });
    tg.injectUpdate({
      message: {
        message_id: 3,
        date,
        chat: group,
        sender_chat: channel,
        from: { id: 136_817_688, is_bot: true, first_name: "Channel", username: "Channel_Bot" },
        text: "hello from a channel",
      },
    });
    await tg.waitFor(
      () => logged("message without a person as sender skipped").length >= skipped + 3,
      20_000,
      "three skipped updates",
    );
    const errors = stack.bot
      .output()
      .split("\n")
      .filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
    await tg.expectClean();
  });
});
