import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTempPostgres, tempDatabaseUrl, tempPostgresUrl } from "../support/bot-process.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { eventually } from "../support/eventually.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { generationsOf, selectModel } from "../support/media-e2e.js";
import type { BotMessage } from "../support/telegram/types.js";

const GROUP = -100123;

const FORUM = -100200;
const BOT = "@emulated_test_bot";

const databases = [
  { name: "sqlite", url: async () => tempDatabaseUrl() },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "postgres", url: () => tempPostgresUrl(process.env.TEST_DATABASE_URL ?? "") }]
    : []),
];

describe.each(databases)("the bot in groups and as a guest on $name", (database) => {
  let openai: OpenAiFake;
  let stack: Stack;
  const alice = testUser(7101);
  const bob = testUser(7102);
  const carol = testUser(7103);

  const groupMessages = (chatId = GROUP) => stack.tg.messages(chatId);
  const nextInGroup = (after: number, match: (m: BotMessage) => boolean, chatId = GROUP) =>
    stack.tg.waitForBotMessage(chatId, (m) => m.message_id > after && match(m));
  const lastInGroup = (chatId = GROUP) => stack.tg.lastBotMessage(chatId)?.message_id ?? 0;
  const lastUserPrompt = () => {
    const last = openai.chatBodies().at(-1)?.messages.at(-1)?.content;
    return typeof last === "string" ? last : JSON.stringify(last);
  };

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.replyWith((body) => `Answer: ${JSON.stringify(body.messages.at(-1)?.content)} (${body.messages.length})`);
    stack = await startStack(
      { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl },
      { DATABASE_URL: await database.url() },
    );
    stack.tg.groups.createGroup({ id: GROUP, title: "Friends", members: [alice, bob], admins: [alice.id] });
    stack.tg.groups.createGroup({ id: FORUM, title: "Forum", forum: true, members: [alice, bob] });
    await say(stack.tg, alice, "/start");
    await selectModel(stack, alice, "gpt-5-nano");
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
    if (stack?.env.DATABASE_URL?.startsWith("postgres")) await dropTempPostgres(stack.env.DATABASE_URL);
  });

  it("answers Alice's mention in the group as a reply, billed to her, the footer naming the model only", async () => {
    const { tg } = stack;
    const before = await balanceOf(tg, alice);
    const { message } = tg.groups.sendGroupText(alice, GROUP, `${BOT} what is 2+2`);
    const answer = await nextInGroup(0, (m) => m.content.includes("Answer"));
    expect(answer.reply_to_message_id).toBe(message.message_id);
    // The mention is not part of the prompt.
    expect(lastUserPrompt()).toBe("what is 2+2");
    expect(answer.content).toContain("gpt-5-nano");
    expect(answer.content).not.toMatch(/balance|🪙/i);
    expect(await balanceOf(tg, alice)).toBe(before - 1);
    // Other chatter never reaches the bot with privacy mode on; the answers were the only messages.
    expect(tg.groups.sendGroupText(bob, GROUP, "nice, thanks").delivered).toBe(false);
    await tg.expectClean();
  });

  it("shows /balance in the group as a link to the private chat, which opens on the balance", async () => {
    const { tg } = stack;
    const after = lastInGroup();
    const { message } = tg.groups.sendGroupText(alice, GROUP, `/balance@emulated_test_bot`);
    const pointer = await nextInGroup(after, () => true);
    expect(pointer.reply_to_message_id).toBe(message.message_id);
    expect(pointer.content).not.toMatch(/\d/);
    expect(pointer.buttons[0]?.url).toBe("https://t.me/emulated_test_bot?start=balance");
    // The admin output and history of nobody reach the group either.
    const screen = await say(tg, alice, "/start balance");
    expect(screen.content).toMatch(/Balance: \d+/);
    await tg.expectClean();
  });

  it("keeps Alice's quote hers: Bob's press of her Confirm changes nothing and starts no job", async () => {
    const { tg } = stack;
    const settings = await say(tg, alice, "/settings");
    tg.clickButtonByText(alice, settings, /^(✅ )?0 🪙$/);
    await tg.waitFor(() =>
      tg.messages(alice.id).find((m) => m.message_id === settings.message_id && /✅ 0/.test(JSON.stringify(m.buttons))),
    );
    const before = await balanceOf(tg, alice);
    const jobsBefore = (await generationsOf(stack, alice.id)).length;

    tg.groups.sendGroupText(alice, GROUP, `${BOT} tell me a joke`);
    const quote = await tg.waitFor(() => tg.groups.ephemerals.find((e) => e.receiver_user_id === alice.id));
    expect(quote.chat_id).toBe(GROUP);
    expect(quote.text).toMatch(/costs 1/);
    const confirm = quote.buttons.find((b) => /Confirm/.test(b.text))?.callback_data ?? "";

    const press = tg.groups.forgeEphemeralClick(bob, quote, confirm);
    await tg.waitFor(() => tg.callbackAnswers.find((a) => a.callback_query_id === press.id));
    expect(tg.callbackAnswers.find((a) => a.callback_query_id === press.id)?.text).toMatch(/person who asked/);
    const jobs = await generationsOf(stack, alice.id);
    expect(jobs).toHaveLength(jobsBefore + 1);
    expect(jobs.at(-1)?.status).toBe("quoted");
    expect(await balanceOf(tg, alice)).toBe(before);

    const after = lastInGroup();
    tg.groups.clickEphemeralButton(alice, quote, confirm);
    const answer = await nextInGroup(after, (m) => m.content.includes("Answer"));
    expect(answer.content).toContain("tell me a joke");
    expect(await balanceOf(tg, alice)).toBe(before - 1);
    await tg.expectClean();
  });

  it("sends the quote to the asker's private chat, with a note in the group, when ephemeral messages are refused", async () => {
    const { tg } = stack;
    tg.groups.setEphemeralSupported(false);
    const privateAfter = tg.lastBotMessage(alice.id)?.message_id ?? 0;
    const after = lastInGroup();
    tg.groups.sendGroupText(alice, GROUP, `${BOT} another one`);
    const quote = await tg.waitForBotMessage(alice.id, (m) => m.message_id > privateAfter && /costs 1/.test(m.content));
    const note = await nextInGroup(after, () => true);
    expect(note.content).toMatch(/private chat/);
    expect(note.content).not.toMatch(/\d/);
    tg.clickButtonByText(alice, quote, /Confirm/);
    await nextInGroup(note.message_id, (m) => m.content.includes("another one"));
    tg.groups.setEphemeralSupported(true);
    await tg.expectClean();
  });

  it("answers in the forum topic it was asked in, with a conversation per topic", async () => {
    const { tg } = stack;
    // Auto-confirm back on, so prompts run at once.
    const settings = await say(tg, alice, "/settings");
    tg.clickButtonByText(alice, settings, /^(✅ )?5 🪙$/);
    await tg.waitFor(() =>
      tg.messages(alice.id).find((m) => m.message_id === settings.message_id && /✅ 5/.test(JSON.stringify(m.buttons))),
    );

    const first = tg.groups.sendGroupText(alice, FORUM, `${BOT} first in topic 7`, { threadId: 7 }).message;
    const a1 = await nextInGroup(0, (m) => m.content.includes("first in topic 7"), FORUM);
    expect(a1.raw.message_thread_id).toBe(7);
    expect(a1.reply_to_message_id).toBe(first.message_id);
    // A reply to the bot needs no mention; the topic's earlier turn is its context (system + 2 + 1).
    tg.groups.sendGroupText(alice, FORUM, "and second?", { threadId: 7, replyTo: a1.message_id });
    const a2 = await nextInGroup(a1.message_id, (m) => m.content.includes("and second?"), FORUM);
    expect(a2.content).toContain("(4)");
    // Another topic starts afresh, and so does Alice's private chat.
    tg.groups.sendGroupText(alice, FORUM, `${BOT} other topic`, { threadId: 9 });
    const a3 = await nextInGroup(a2.message_id, (m) => m.content.includes("other topic"), FORUM);
    expect(a3.raw.message_thread_id).toBe(9);
    expect(a3.content).toContain("(2)");
    await tg.expectClean();
  });

  it("answers Carol's guest message with answerGuestQuery, billed to her new Starter account", async () => {
    const { tg } = stack;
    const query = tg.groups.guestMessage(carol, { id: -100777, title: "Elsewhere" }, `${BOT} what is 3+3`);
    await tg.waitFor(() => query.answered && query.text?.includes("Answer"));
    expect(query.text).toContain("what is 3+3");
    expect(query.text).not.toMatch(/balance/i);
    // The capture follows the delivery: wait for the row to say so.
    const jobs = await eventually(async () => {
      const rows = await generationsOf(stack, carol.id);
      return rows.every((j) => j.status === "captured") ? rows : undefined;
    }, "Carol's job captured");
    expect(jobs).toHaveLength(1);
    expect(await balanceOf(tg, carol)).toBe(50 - (jobs[0]?.price ?? 0));
    await tg.expectClean();
  });

  it("lets only the group's admins change /groupsettings; answers switched off are not given", async () => {
    const { tg } = stack;
    let after = lastInGroup();
    tg.groups.sendGroupText(bob, GROUP, "/groupsettings");
    const refused = await nextInGroup(after, () => true);
    expect(refused.content).toMatch(/Only the group's admins/);

    // Admins find it in their command menu.
    const adminMenu = tg.commands("en", { type: "all_chat_administrators" })?.map((c) => c.command);
    expect(adminMenu).toContain("groupsettings");
    expect(tg.commands("en")?.map((c) => c.command)).not.toContain("groupsettings");
    tg.groups.sendGroupText(alice, GROUP, "/groupsettings");
    const menu = await nextInGroup(refused.message_id, (m) => /Group settings/.test(m.content));
    const off = menu.buttons.find((b) => /Turn answers off/.test(b.text))?.callback_data ?? "";
    // Bob may not press the admin's menu.
    const bobPress = tg.groups.clickGroupButton(bob, GROUP, menu.message_id, off);
    await tg.waitFor(() => tg.callbackAnswers.find((a) => a.callback_query_id === bobPress.id));
    tg.groups.clickGroupButton(alice, GROUP, menu.message_id, off);
    await tg.waitFor(() =>
      groupMessages().find((m) => m.message_id === menu.message_id && /Answers: off/.test(m.content)),
    );

    after = lastInGroup();
    tg.groups.sendGroupText(alice, GROUP, `${BOT} are you there?`);
    // Answers are off: the next thing the group sees is the reply to a later command, nothing before it.
    tg.groups.sendGroupText(alice, GROUP, "/balance");
    const next = await nextInGroup(after, () => true);
    expect(next.buttons[0]?.url).toContain("start=balance");
    await tg.expectClean();
  });
});
