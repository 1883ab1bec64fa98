import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import type { TgUser } from "../support/telegram/types.js";

describe("support that answers", () => {
  let openai: OpenAiFake;
  let stack: Stack;
  // The admin speaks Russian; the users write in English.
  const admin = testUser(ADMIN_ID, "ru");

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply("The Basic plan gives 300 tokens a month.");
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
    await say(stack.tg, admin, "/start");
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  async function sendRequest(user: TgUser, text: string) {
    const { tg } = stack;
    await say(tg, user, "/start");
    const support = await say(tg, user, "/paysupport", (c) => /Payment support/.test(c));
    tg.clickButtonByText(user, support, /Write to support/);
    await tg.waitForBotMessage(user.id, (m) => /Describe your question/.test(m.content));
    await say(tg, user, text, (c) => /went to support/.test(c));
    return tg.waitForBotMessage(admin.id, (m) => m.content.includes(text));
  }

  it("reaches the admin in the admin's language with the user's payments labelled, and the Reply button answers the user", async () => {
    const { tg } = stack;
    const user = testUser(9601);
    const request = await sendRequest(user, "I was charged twice");
    expect(request.content).toContain("Обращение в поддержку");
    expect(request.content).toContain("У этого пользователя нет платежей");
    expect(request.content).toContain(String(user.id));
    expect(request.content).not.toContain("Payment support request");

    tg.clickButtonByText(admin, request, /Ответить/);
    const prompt = await tg.waitForBotMessage(admin.id, (m) => /Ваш ответ пользователю/.test(m.content));
    tg.sendText(admin, "We refunded the second payment.", { replyTo: prompt.message_id });
    const answer = await tg.waitForBotMessage(user.id, (m) => /Support replied/.test(m.content));
    expect(answer.content).toContain("We refunded the second payment.");
    await tg.waitForBotMessage(admin.id, (m) => m.content.includes(`Отправлено пользователю ${user.id}`));
    await tg.expectClean();
  }, 60_000);

  it("a reply to the request itself reaches the user", async () => {
    const { tg } = stack;
    const user = testUser(9602);
    const request = await sendRequest(user, "Where are my tokens?");
    tg.sendText(admin, "They are credited now.", { replyTo: request.message_id });
    const answer = await tg.waitForBotMessage(user.id, (m) => /Support replied/.test(m.content));
    expect(answer.content).toContain("They are credited now.");
    // The answer reaches only the user the request names.
    expect(tg.messages(9601).some((m) => m.content.includes("They are credited now."))).toBe(false);
    await tg.expectClean();
  }, 60_000);

  it("/help → Ask a question answers free from a cheap model grounded in the catalog", async () => {
    const { tg } = stack;
    const user = testUser(9603);
    await say(tg, user, "/start");
    const help = await say(tg, user, "/help", (c) => /How it works/.test(c));
    tg.clickButtonByText(user, help, /Ask a question/);
    await tg.waitForBotMessage(user.id, (m) => /Ask anything about the bot/.test(m.content));
    const answer = await say(tg, user, "How many tokens does Basic give?", (c) => c.includes("Basic plan"));
    expect(answer.content).toContain("Free answer");
    const body = openai.chatBodies().at(-1);
    expect(body?.model).toBe("gpt-6-luna");
    const system = String(body?.messages[0]?.content);
    expect(body?.messages[0]?.role).toBe("system");
    expect(system).toContain("Use ONLY the facts below");
    expect(system).toMatch(/- Basic: 300 tokens per month/);
    expect(system).toMatch(/- GPT-5 nano \(gpt-5-nano\): text, by OpenAI, 1 tokens per request/);
    expect(system).toMatch(/- Ultra: 10000 tokens/);
    expect(body?.messages.at(-1)).toEqual({ role: "user", content: "How many tokens does Basic give?" });
    expect(await balanceOf(tg, user)).toBe(50);
    await tg.expectClean();
  }, 60_000);
});
