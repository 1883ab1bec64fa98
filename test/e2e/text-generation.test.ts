import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTempPostgres, tempDatabaseUrl, tempPostgresUrl } from "../support/bot-process.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";

const databases = [
  { name: "sqlite", url: async () => tempDatabaseUrl() },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "postgres", url: () => tempPostgresUrl(process.env.TEST_DATABASE_URL ?? "") }]
    : []),
];

describe.each(databases)("text generation end to end on $name", (database) => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.replyWith((body) => `**Answer** to: ${JSON.stringify(body.messages.at(-1)?.content)}`);
    stack = await startStack(
      { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl },
      { DATABASE_URL: await database.url() },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
    if (stack?.env.DATABASE_URL?.startsWith("postgres")) await dropTempPostgres(stack.env.DATABASE_URL);
  });

  it("starts with 50 tokens, answers with gpt-5-nano for 1 token, and charges nothing on a provider error", async () => {
    const { tg } = stack;
    const user = testUser(5001);

    const welcome = await say(tg, user, "/start");
    expect(welcome.buttons.length).toBeGreaterThan(3);
    expect(await balanceOf(tg, user)).toBe(50);

    const menu = await say(tg, user, "/models");
    const text = menu.buttons.find((b) => /Text|Текст/.test(b.text));
    expect(text?.callback_data).toBeDefined();
    tg.clickButton(user, menu, text!.callback_data!);
    const list = await tg.waitFor(() => {
      const m = tg.messages(user.id).find((x) => x.message_id === menu.message_id);
      return m?.buttons.some((b) => b.text.includes("GPT-5 nano")) ? m : undefined;
    });
    const nano = list.buttons.find((b) => b.text.includes("GPT-5 nano"))!;
    expect(nano.text).toContain("1");
    tg.clickButton(user, list, nano.callback_data!);
    const card = await tg.waitFor(() => {
      const m = tg.messages(user.id).find((x) => x.message_id === menu.message_id);
      return m && /GPT-5/i.test(m.content) && /1/.test(m.content) ? m : undefined;
    });
    expect(card.content).toMatch(/Price: 1/);

    const answer = await say(tg, user, "What is 2+2? <b>&", (c) => c.includes("Answer"));
    expect(answer.content).toContain('to: "What is 2+2? <b>&"');
    // A rich message: the model's Markdown as written, its HTML-looking text escaped.
    expect(answer.kind).toBe("rich");
    expect(answer.markdown).toContain('**Answer** to: "What is 2+2? &lt;b>&amp;"');
    expect(answer.content).toMatch(/1 🪙 · balance: 49/);
    expect(await balanceOf(tg, user)).toBe(49);

    for (let i = 0; i < 3; i++) openai.failNext(500);
    const apology = await say(tg, user, "this one fails", (c) => /No tokens were taken/.test(c));
    // The provider's own sentence stays in the log: the user gets a reason in their language.
    expect(apology.content).toMatch(/gpt-5-nano is unavailable right now/);
    expect(apology.content).not.toMatch(/server had an error/i);
    expect(await balanceOf(tg, user)).toBe(49);

    expect(tg.violations).toEqual([]);
    expect(tg.unansweredCallbackQueries()).toEqual([]);
  });

  it("keeps the conversation as context until /new", async () => {
    const { tg } = stack;
    const user = testUser(5002);
    await say(tg, user, "/start");
    const menu = await say(tg, user, "/models");
    tg.clickButton(user, menu, menu.buttons.find((b) => /Text/.test(b.text))!.callback_data!);
    const list = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.buttons.some((b) => b.text.includes("GPT-5 nano"))),
    );
    tg.clickButton(user, list, list.buttons.find((b) => b.text.includes("GPT-5 nano"))!.callback_data!);
    await tg.waitFor(() => tg.messages(user.id).find((m) => /Selected/.test(m.content)));

    await say(tg, user, "my name is Ann", (c) => c.includes("Answer"));
    await say(tg, user, "what is my name?", (c) => c.includes("Answer"));
    const second = openai.chatBodies().at(-1)!;
    expect(second.messages.map((m) => m.content)).toContain("my name is Ann");

    await say(tg, user, "/new", (c) => /New conversation/.test(c));
    await say(tg, user, "fresh start", (c) => c.includes("Answer"));
    const third = openai.chatBodies().at(-1)!;
    expect(third.messages.map((m) => m.content)).not.toContain("my name is Ann");
    expect(tg.violations).toEqual([]);
  });
});
