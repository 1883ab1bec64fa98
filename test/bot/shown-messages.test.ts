import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { createShownMessages } from "../../src/bot/shown-messages.js";

type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

/** A Bot API that answers as the test says and records what reached it. */
function fakeApi(shown = createShownMessages()) {
  const reached: string[] = [];
  let next: Answer = { ok: true, result: true };
  const call = async (method: string, payload: Record<string, unknown>) => {
    const prev = async (m: string) => {
      reached.push(m);
      return next;
    };
    // biome-ignore lint/suspicious/noExplicitAny: grammY's transformer types are per method; the test calls it raw
    return (await (shown.transformer as any)(prev, method, payload)) as Answer;
  };
  return {
    shown,
    reached,
    call,
    answer: (answer: Answer) => {
      next = answer;
    },
  };
}

const message = (id: number, fields: Record<string, unknown> = {}) => ({
  message_id: id,
  chat: { id: 7, type: "private" },
  date: 1_000,
  ...fields,
});
const keyboard = (data: string) => ({ inline_keyboard: [[{ text: "Go", callback_data: data }]] });

describe("the bot's messages as it last left them", () => {
  it("answers an edit that changes nothing itself, with Telegram's 400, and lets a real change through", async () => {
    const api = fakeApi();
    api.answer({ ok: true, result: message(1) });
    await api.call("sendMessage", { chat_id: 7, text: "<b>Hi</b>", parse_mode: "HTML", reply_markup: keyboard("a") });
    // The same keyboard built with its keys in another order is the same keyboard.
    const same = { inline_keyboard: [[{ callback_data: "a", text: "Go" }]] };
    const refused = await api.call("editMessageText", {
      chat_id: 7,
      message_id: 1,
      text: "<b>Hi</b>",
      parse_mode: "HTML",
      reply_markup: same,
      link_preview_options: { is_disabled: true },
    });
    expect(refused).toMatchObject({ ok: false, error_code: 400, description: expect.stringMatching(/not modified/) });
    expect(
      await api.call("editMessageReplyMarkup", { chat_id: 7, message_id: 1, reply_markup: keyboard("a") }),
    ).toEqual(refused);
    expect(api.reached).toEqual(["sendMessage"]);

    api.answer({ ok: true, result: message(1, { edit_date: 1_001 }) });
    await api.call("editMessageText", { chat_id: 7, message_id: 1, text: "<b>Hi</b>", parse_mode: "HTML" });
    await api.call("editMessageReplyMarkup", { chat_id: 7, message_id: 1, reply_markup: keyboard("b") });
    expect(api.reached).toEqual(["sendMessage", "editMessageText", "editMessageReplyMarkup"]);
    // Now it shows keyboard "b": asking for it again changes nothing.
    expect(
      (await api.call("editMessageReplyMarkup", { chat_id: 7, message_id: 1, reply_markup: keyboard("b") })).ok,
    ).toBe(false);
    expect(api.reached).toHaveLength(3);
  });

  it("never edits or deletes again a message it deleted, or one Telegram said is gone", async () => {
    const api = fakeApi();
    await api.call("deleteMessage", { chat_id: 7, message_id: 3 });
    const edit = await api.call("editMessageText", { chat_id: 7, message_id: 3, text: "x" });
    expect(edit).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to edit not found" });
    expect((await api.call("editMessageReplyMarkup", { chat_id: 7, message_id: 3 })).ok).toBe(false);
    expect(await api.call("deleteMessage", { chat_id: 7, message_id: 3 })).toMatchObject({
      description: "Bad Request: message to delete not found",
    });
    expect(api.reached).toEqual(["deleteMessage"]);

    // Deleted by the user in the app: learnt from Telegram's first refusal.
    api.answer({ ok: false, error_code: 400, description: "Bad Request: message to edit not found" });
    await api.call("editMessageText", { chat_id: 7, message_id: 4, text: "x" });
    await api.call("editMessageText", { chat_id: 7, message_id: 4, text: "y" });
    expect(api.reached).toEqual(["deleteMessage", "editMessageText"]);
  });

  it("a caption edit that changes nothing is answered too; media and unknown messages always reach Telegram", async () => {
    const api = fakeApi();
    api.answer({ ok: true, result: message(5, { photo: [], caption: "c" }) });
    await api.call("sendPhoto", { chat_id: 7, photo: "id", caption: "c" });
    expect((await api.call("editMessageCaption", { chat_id: 7, message_id: 5, caption: "c" })).ok).toBe(false);
    await api.call("editMessageMedia", { chat_id: 7, message_id: 5, media: { type: "photo", media: "x" } });
    await api.call("editMessageCaption", { chat_id: 7, message_id: 5, caption: "c" });
    await api.call("editMessageText", { chat_id: 7, message_id: 99, text: "never sent by this process" });
    expect(api.reached).toEqual(["sendPhoto", "editMessageMedia", "editMessageCaption", "editMessageText"]);
  });

  it("forgets a message when a press shows it newer than remembered (another instance changed it)", async () => {
    const api = fakeApi();
    api.answer({ ok: true, result: message(6) });
    await api.call("sendMessage", { chat_id: 7, text: "a" });
    const press = (edit_date?: number) =>
      ({
        callbackQuery: { message: message(6, { text: "b", ...(edit_date === undefined ? {} : { edit_date }) }) },
      }) as unknown as Context;
    const next = async () => {};
    // A press carrying the message as it was when sent: nothing newer, the memory stands.
    await api.shown.middleware(press(), next);
    expect((await api.call("editMessageText", { chat_id: 7, message_id: 6, text: "a" })).ok).toBe(false);
    await api.shown.middleware(press(1_005), next);
    await api.call("editMessageText", { chat_id: 7, message_id: 6, text: "a" });
    expect(api.reached).toEqual(["sendMessage", "editMessageText"]);
  });
});
