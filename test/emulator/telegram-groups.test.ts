import { Bot, GrammyError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator, type TgUser } from "../support/telegram/emulator.js";

const ann: TgUser = { id: 4001, first_name: "Ann" };
const ben: TgUser = { id: 4002, first_name: "Ben" };
const outsider: TgUser = { id: 4003, first_name: "Out" };
const GROUP = -100500;
let emu: TelegramEmulator;

async function start() {
  emu = await startTelegramEmulator();
  emu.groups.createGroup({ id: GROUP, title: "G", forum: true, members: [ann, ben], admins: [ben.id] });
  return new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
}
afterEach(() => emu.close());

async function failure(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected the call to fail, got ${String(error)}`);
  return error;
}

describe("groups in the emulator", () => {
  it("delivers with privacy mode only commands, mentions of the bot and replies to it", async () => {
    const bot = await start();
    expect(emu.groups.sendGroupText(ann, GROUP, "hello all").delivered).toBe(false);
    expect(emu.groups.sendGroupText(ann, GROUP, "@emulated_test_bot hi").delivered).toBe(true);
    expect(emu.groups.sendGroupText(ann, GROUP, "/help").delivered).toBe(true);
    const sent = await bot.api.sendMessage(GROUP, "answer");
    expect(emu.groups.sendGroupText(ben, GROUP, "more?", { replyTo: sent.message_id }).delivered).toBe(true);
    expect(emu.pendingUpdates()).toHaveLength(3);
  });

  it("reports admins with getChatMember", async () => {
    const bot = await start();
    expect((await bot.api.getChatMember(GROUP, ann.id)).status).toBe("creator");
    expect((await bot.api.getChatMember(GROUP, ben.id)).status).toBe("administrator");
    expect((await bot.api.getChatMember(GROUP, outsider.id)).status).toBe("left");
  });

  it("records ephemeral messages for their receiver only, and refuses ones to non-members or private chats", async () => {
    const bot = await start();
    emu.sendText(ann, "hi");
    const sent = await bot.api.sendMessage(GROUP, "only you", {
      ephemeral_message_parameters: { receiver_user_id: ann.id },
    });
    expect(sent.message_id).toBe(0);
    expect(emu.groups.ephemerals.map((e) => [e.receiver_user_id, e.text])).toEqual([[ann.id, "only you"]]);
    expect(emu.messages(GROUP)).toHaveLength(0);
    expect(emu.violations).toEqual([]);
    const notMember = await failure(
      bot.api.sendMessage(GROUP, "x", { ephemeral_message_parameters: { receiver_user_id: outsider.id } }),
    );
    expect(notMember.description).toContain("USER_NOT_PARTICIPANT");
    await failure(bot.api.sendMessage(ann.id, "x", { ephemeral_message_parameters: { receiver_user_id: ann.id } }));
    expect(emu.violations).toHaveLength(2);
    emu.groups.setEphemeralSupported(false);
    await failure(bot.api.sendMessage(GROUP, "x", { ephemeral_message_parameters: { receiver_user_id: ann.id } }));
    expect(emu.violations).toHaveLength(2);
  });

  it("keeps replies in their topic, drafts out of groups and a group within 20 messages a minute", async () => {
    const bot = await start();
    const { message } = emu.groups.sendGroupText(ann, GROUP, "@emulated_test_bot q", { threadId: 7 });
    const placed = await bot.api.sendMessage(GROUP, "a", {
      reply_parameters: { message_id: message.message_id },
      message_thread_id: 7,
    });
    expect(placed.message_thread_id).toBe(7);
    expect(emu.violations).toEqual([]);
    await failure(bot.api.sendMessage(GROUP, "b", { reply_parameters: { message_id: message.message_id } }));
    await failure(bot.api.sendMessageDraft(GROUP, 1, "draft"));
    expect(emu.violations).toHaveLength(2);
    for (let i = 0; i < 19; i++) await bot.api.sendMessage(GROUP, `m${i}`);
    const flood = await failure(bot.api.sendMessage(GROUP, "one too many"));
    expect(flood.error_code).toBe(429);
    expect(emu.violations).toHaveLength(3);
  });

  it("answers a guest query once with an article, whose inline message can be edited and pressed", async () => {
    const bot = await start();
    const query = emu.groups.guestMessage(outsider, { id: -100600, title: "Other" }, "@emulated_test_bot hi");
    const result = {
      type: "article" as const,
      id: "r1",
      title: "Answer",
      input_message_content: { message_text: "<b>hello</b>", parse_mode: "HTML" as const },
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok:1" }]] },
    };
    const sent = await bot.api.answerGuestQuery(query.guest_query_id, result);
    expect(query.text).toBe("hello");
    await bot.api.editMessageTextInline(sent.inline_message_id, "done");
    expect([query.text, query.edits, query.buttons]).toEqual(["done", 1, []]);
    await failure(bot.api.answerGuestQuery(query.guest_query_id, result));
    expect(emu.violations).toHaveLength(1);
  });
});
