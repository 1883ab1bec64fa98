import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { generationsOf, selectModel } from "../support/media-e2e.js";
import type { BotMessage } from "../support/telegram/types.js";

const GROUP = -100321;
const BOT = "@emulated_test_bot";

describe("private things stay private around groups and guests", () => {
  let openai: OpenAiFake;
  let stack: Stack;
  const admin = testUser(ADMIN_ID);
  const alice = testUser(7201);
  const bob = testUser(7202);

  const nextInGroup = (after: number, match: (m: BotMessage) => boolean = () => true) =>
    stack.tg.waitForBotMessage(GROUP, (m) => m.message_id > after && match(m));
  const lastInGroup = () => stack.tg.lastBotMessage(GROUP)?.message_id ?? 0;
  const setAutoConfirm = async (tokens: number) => {
    const { tg } = stack;
    const settings = await say(tg, alice, "/settings");
    tg.clickButtonByText(alice, settings, new RegExp(`^(✅ )?${tokens} 🪙$`));
    await tg.waitFor(() =>
      tg
        .messages(alice.id)
        .find((m) => m.message_id === settings.message_id && m.buttons.some((b) => b.text === `✅ ${tokens} 🪙`)),
    );
  };

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.replyWith((body) => `Answer: ${JSON.stringify(body.messages.at(-1)?.content)}`);
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
    stack.tg.groups.createGroup({ id: GROUP, title: "Team", members: [admin, alice, bob] });
    await say(stack.tg, admin, "/start");
    await say(stack.tg, alice, "/start");
    await selectModel(stack, alice, "gpt-5-nano");
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("sends a grant notice to Alice's private chat although she last wrote in the group", async () => {
    const { tg } = stack;
    tg.groups.sendGroupText(alice, GROUP, `${BOT} hi`);
    await nextInGroup(0, (m) => m.content.includes("Answer"));
    const groupCount = tg.messages(GROUP).length;
    const after = tg.lastBotMessage(alice.id)?.message_id ?? 0;
    await say(tg, admin, `/grant ${alice.id} 10`, (c) => /Credited/.test(c));
    const notice = await tg.waitForBotMessage(
      alice.id,
      (m) => m.message_id > after && /You received 10/.test(m.content),
    );
    expect(notice.chat_id).toBe(alice.id);
    expect(tg.messages(GROUP)).toHaveLength(groupCount);
    await tg.expectClean();
  });

  it("points an admin command in the group to the private chat and ignores it from anyone else", async () => {
    const { tg } = stack;
    const after = lastInGroup();
    tg.groups.sendGroupText(bob, GROUP, "/stats");
    tg.groups.sendGroupText(admin, GROUP, "/stats");
    const pointer = await nextInGroup(after);
    expect(pointer.content).toMatch(/private chat/);
    expect(pointer.buttons[0]?.url).toBe("https://t.me/emulated_test_bot?start=main");
    // Bob's /stats came first and got nothing: the pointer is the only message since.
    expect(tg.messages(GROUP).filter((m) => m.message_id > after)).toHaveLength(1);
    // The model menus show the balance too: /models opens in private.
    tg.groups.sendGroupText(bob, GROUP, "/models");
    const models = await nextInGroup(pointer.message_id);
    expect(models.buttons[0]?.url).toBe("https://t.me/emulated_test_bot?start=models");
    await tg.expectClean();
  });

  it("keeps Alice's running job hers: Bob's Cancel is refused, hers stops it and nothing is charged", async () => {
    const { tg } = stack;
    const before = await balanceOf(tg, alice);
    const hang = openai.hangNext("Thinking");
    const after = lastInGroup();
    const { message } = tg.groups.sendGroupText(alice, GROUP, `${BOT} a long question`);
    const progress = await nextInGroup(after, (m) => m.buttons.some((b) => /Cancel/.test(b.text)));
    expect(progress.reply_to_message_id).toBe(message.message_id);
    const cancel = progress.buttons.find((b) => /Cancel/.test(b.text))?.callback_data ?? "";
    const bobs = tg.groups.clickGroupButton(bob, GROUP, progress.message_id, cancel);
    await tg.waitFor(() => tg.callbackAnswers.find((a) => a.callback_query_id === bobs.id));
    expect(tg.callbackAnswers.find((a) => a.callback_query_id === bobs.id)?.text).toMatch(/person who asked/);
    expect((await generationsOf(stack, alice.id)).at(-1)?.status).not.toMatch(/cancel|released/);

    tg.groups.clickGroupButton(alice, GROUP, progress.message_id, cancel);
    await hang.closed;
    await tg.waitFor(() =>
      tg.messages(GROUP).find((m) => m.message_id === progress.message_id && /Cancelled/i.test(m.content)),
    );
    expect(await balanceOf(tg, alice)).toBe(before);
    await tg.expectClean();
  });

  it("answers a guest with a quote above their auto-confirm limit, which becomes the answer once confirmed", async () => {
    const { tg } = stack;
    await setAutoConfirm(0);
    const before = await balanceOf(tg, alice);
    const query = tg.groups.guestMessage(alice, { id: -100888, title: "Elsewhere" }, `${BOT} summarise this`, {
      replyTo: { from: { id: 1, is_bot: false, first_name: "Zed" }, text: "The quick brown fox" },
    });
    await tg.waitFor(() => query.answered && query.buttons.some((b) => /Confirm/.test(b.text)));
    expect(query.text).toMatch(/costs 1/);
    const confirm = query.buttons.find((b) => /Confirm/.test(b.text))?.callback_data ?? "";
    tg.groups.clickGuestButton(alice, query, confirm);
    await tg.waitFor(() => query.text?.includes("Answer"));
    // The replied-to text is the input the prompt works on.
    expect(query.text).toContain("The quick brown fox");
    expect(query.text).toContain("summarise this");
    expect(query.buttons).toHaveLength(0);
    expect(await balanceOf(tg, alice)).toBe(before - 1);

    // Cancelling her ephemeral quote in the group tells her alone.
    const seen = tg.groups.ephemerals.length;
    const groupCount = tg.messages(GROUP).length;
    tg.groups.sendGroupText(alice, GROUP, `${BOT} never mind`);
    const quote = await tg.waitFor(() => tg.groups.ephemerals.slice(seen).find((e) => /costs/.test(e.text)));
    const cancel = quote.buttons.find((b) => /Cancel/.test(b.text))?.callback_data ?? "";
    tg.groups.clickEphemeralButton(alice, quote, cancel);
    await tg.waitFor(() => tg.groups.ephemerals.slice(seen).find((e) => /Cancelled/.test(e.text)));
    expect(tg.messages(GROUP)).toHaveLength(groupCount);
    expect((await generationsOf(stack, alice.id)).at(-1)?.status).toBe("cancelled");
    await setAutoConfirm(5);
    await tg.expectClean();
  });

  it("refuses model kinds the group's admins switched off, telling only the asker", async () => {
    const { tg } = stack;
    const menuAfter = lastInGroup();
    tg.groups.sendGroupText(admin, GROUP, "/groupsettings");
    const menu = await nextInGroup(menuAfter, (m) => /Group settings/.test(m.content));
    const text = menu.buttons.find((b) => /Text/.test(b.text))?.callback_data ?? "";
    tg.groups.clickGroupButton(admin, GROUP, menu.message_id, text);
    await tg.waitFor(() =>
      tg
        .messages(GROUP)
        .find((m) => m.message_id === menu.message_id && m.buttons.some((b) => /▫️ 💬 Text/.test(b.text))),
    );
    const jobs = (await generationsOf(stack, alice.id)).length;
    const seen = tg.groups.ephemerals.length;
    tg.groups.sendGroupText(alice, GROUP, `${BOT} still there?`);
    const refusal = await tg.waitFor(() =>
      tg.groups.ephemerals.slice(seen).find((e) => e.receiver_user_id === alice.id),
    );
    expect(refusal.text).toMatch(/switched off in this group/);
    expect(await generationsOf(stack, alice.id)).toHaveLength(jobs);
    await tg.expectClean();
  });
});
