import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, type Stack, say, startStack, testUser } from "../support/e2e.js";

describe("support dialog (a persisted conversation)", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({});
  }, 60_000);

  afterAll(async () => stack?.close());

  it("asks for the message, survives a restart, and forwards it to the admins", async () => {
    const { tg } = stack;
    const user = testUser(8101);
    const admin = testUser(ADMIN_ID);
    await say(tg, admin, "/start");
    await say(tg, user, "/start");
    const support = await say(tg, user, "/paysupport", (c) => /Payment support/.test(c));
    tg.clickButtonByText(user, support, /Write to support/);
    await tg.waitForBotMessage(user.id, (m) => /Describe your question/.test(m.content));
    // The dialog's state is saved when its update is done, a moment after the question is sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.bot.kill();
    await stack.restart();

    await say(tg, user, "I was charged twice", (c) => /went to support/.test(c));
    const forwarded = await tg.waitForBotMessage(admin.id, (m) => m.content.includes("I was charged twice"));
    expect(forwarded.content).toContain(String(user.id));
    expect(tg.violations).toEqual([]);
  });

  it("lets a command leave the dialog and handles it as usual", async () => {
    const { tg } = stack;
    const user = testUser(8102);
    await say(tg, user, "/start");
    const support = await say(tg, user, "/paysupport", (c) => /Payment support/.test(c));
    tg.clickButtonByText(user, support, /Write to support/);
    const ask = await tg.waitForBotMessage(user.id, (m) => /Describe your question/.test(m.content));
    await say(tg, user, "/balance", (c) => /Balance: 50/.test(c));
    expect(tg.messages(user.id).find((m) => m.message_id === ask.message_id)?.buttons).toEqual([]);
    // Out of the dialog: ordinary text is a prompt again, not a support message.
    await say(tg, user, "hello", (c) => /choose a model/i.test(c));
    expect(tg.violations).toEqual([]);
  });

  it("can be cancelled", async () => {
    const { tg } = stack;
    const user = testUser(8103);
    await say(tg, user, "/start");
    const support = await say(tg, user, "/paysupport", (c) => /Payment support/.test(c));
    tg.clickButtonByText(user, support, /Write to support/);
    const ask = await tg.waitForBotMessage(user.id, (m) => /Describe your question/.test(m.content));
    tg.clickButtonByText(user, ask, /Cancel/);
    await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === ask.message_id && m.content === "Cancelled."),
    );
    expect(tg.unansweredCallbackQueries()).toEqual([]);
    expect(tg.violations).toEqual([]);
  });
});
