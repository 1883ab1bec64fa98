import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/database.js";
import { ADMIN_ID, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { eventually } from "../support/eventually.js";
import type { FlatButton, TgUser } from "../support/telegram/emulator.js";

const dataOf = (b: FlatButton) => ("callback_data" in b ? b.callback_data : undefined);

describe("/broadcast end to end", () => {
  let stack: Stack;
  const admin = testUser(ADMIN_ID);
  const [ann, ben, cat, dan] = [testUser(9101), testUser(9102), testUser(9103), testUser(9104)];

  beforeAll(async () => {
    stack = await startStack({});
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function deliveryStatus(broadcastId: number, userId: number) {
    const storage = openStorage(stack.env.DATABASE_URL!);
    try {
      const row = await storage.db
        .selectFrom("broadcast_deliveries")
        .select("status")
        .where("broadcast_id", "=", broadcastId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row?.status;
    } finally {
      await storage.close();
    }
  }

  const copiesOf = (user: TgUser, text: string) => stack.tg.messages(user.id).filter((m) => m.content === text);

  /** /broadcast, the text, the preview with its count, then Send; returns the confirm message. */
  async function broadcast(text: string, expectedCount: number) {
    const { tg } = stack;
    await say(tg, admin, "/broadcast", (c) => /Send or forward/.test(c));
    const preview = await say(tg, admin, text, (c) => /Recipients/.test(c));
    expect(preview.content).toContain(`Recipients: ${expectedCount}.`);
    expect(tg.messages(admin.id).some((m) => m.content === text)).toBe(true);
    tg.clickButton(admin, preview, dataOf(preview.buttons.find((b) => /Send/.test(b.text))!)!);
    return preview;
  }

  it("skips the opted-out, counts the blocked, and after a restart mid-broadcast sends nobody a second copy", async () => {
    const { tg } = stack;
    await say(tg, admin, "/start");
    for (const user of [ann, ben, cat]) await say(tg, user, "/start");

    const settings = await say(tg, ben, "/settings", (c) => /Settings/.test(c));
    tg.clickButton(ben, settings, dataOf(settings.buttons.find((b) => /News from the bot: on/.test(b.text))!)!);
    await tg.waitFor(() =>
      tg
        .messages(ben.id)
        .find((m) => m.message_id === settings.message_id && m.buttons.some((b) => /: off/.test(b.text))),
    );
    tg.blockBot(cat);

    await broadcast("Spring sale: -20% on every package", 2);
    const done = await tg.waitForBotMessage(admin.id, (m) => /finished/.test(m.content));
    expect(done.content).toMatch(/delivered 1, blocked 1, failed 0/);
    expect(copiesOf(ann, "Spring sale: -20% on every package")).toHaveLength(1);
    expect(copiesOf(ben, "Spring sale: -20% on every package")).toHaveLength(0);

    // Second broadcast: Ann is served, then Dan's send is held off by a long flood wait; the bot dies in it.
    await say(tg, dan, "/start");
    tg.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 60",
      retry_after: 60,
      chat_id: dan.id,
    });
    const text = "New models are in: try them in /models";
    await broadcast(text, 3);
    await tg.waitForCall("sendMessage", (c) => c.params.chat_id === dan.id && c.error_code === 429);
    expect(copiesOf(ann, text)).toHaveLength(1);
    // The bot has put Dan back in the queue (the 429 means nothing was sent) and waits out the flood limit.
    await eventually(async () => (await deliveryStatus(2, dan.id)) === "pending", "Dan's delivery pending");
    await stack.bot.kill();
    await stack.restart();
    const finished = await tg.waitForBotMessage(admin.id, (m) => /#2 finished/.test(m.content), 15_000);
    expect(finished.content).toMatch(/delivered 2, blocked 1, failed 0/);
    expect(copiesOf(ann, text)).toHaveLength(1);
    expect(copiesOf(dan, text)).toHaveLength(1);
    expect(copiesOf(ben, text)).toHaveLength(0);
    expect(tg.callsOf("sendMessage").filter((c) => c.params.chat_id === ann.id && c.params.text === text)).toHaveLength(
      1,
    );
  });

  it("gives a non-admin's /broadcast no answer at all", async () => {
    const { tg } = stack;
    const before = tg.messages(ann.id).length;
    tg.sendText(ann, "/broadcast");
    await say(tg, ann, "/balance", (c) => /Balance/.test(c));
    expect(tg.messages(ann.id).length).toBe(before + 1);
  });
});
