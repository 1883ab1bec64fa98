import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator, type TgUser } from "../support/telegram/emulator.js";
import { type PollingBot, startPolling } from "../support/telegram/grammy-harness.js";

const alice: TgUser = { id: 1001, first_name: "Alice", language_code: "en", username: "alice" };

/** A PNG header claiming 640×480, followed by filler bytes. */
function fakePng(extra = 2048): Buffer {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    u32(13),
    Buffer.from("IHDR"),
    u32(640),
    u32(480),
    Buffer.from([8, 2, 0, 0, 0, 0, 0, 0, 0]),
    Buffer.alloc(extra, 7),
  ]);
}

async function rawCall(emu: TelegramEmulator, method: string, body: unknown, token = emu.token) {
  const response = await fetch(`${emu.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

let emu: TelegramEmulator;
let polling: PollingBot | undefined;

beforeEach(async () => {
  emu = await startTelegramEmulator();
});

afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await emu.close();
});

describe("grammY polling round trip", () => {
  it("delivers commands, renders HTML replies and handles button presses", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.command("start", (ctx) =>
      ctx.reply(`Hello <b>${ctx.match || "world"}</b> 😀`, {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard().text("Go", "go:1"),
      }),
    );
    bot.callbackQuery("go:1", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Going" });
      await ctx.editMessageText("Gone <i>now</i>", { parse_mode: "HTML" });
    });
    polling = await startPolling(bot);

    const sent = emu.sendText(alice, "/start friend");
    expect(sent.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const reply = await emu.waitForBotMessage(alice.id, (m) => m.message_id > sent.message_id);
    expect(reply.text).toBe("Hello friend 😀");
    expect(reply.entities).toEqual([{ type: "bold", offset: 6, length: 6 }]);
    expect(reply.buttons.map((b) => b.text)).toEqual(["Go"]);
    expect(emu.callsOf("getMe")).toHaveLength(1);

    emu.clickButton(alice, reply.message_id, "go:1");
    const edited = await emu.waitForBotMessage(alice.id, (m) => m.edits === 1);
    expect(edited.text).toBe("Gone now");
    expect(edited.entities).toEqual([{ type: "italic", offset: 5, length: 3 }]);
    expect(edited.reply_markup).toBeUndefined(); // editMessageText without reply_markup drops the keyboard
    expect(emu.callbackAnswers.map((a) => a.text)).toEqual(["Going"]);
    await emu.expectClean();

    // grammY confirmed the first update through the offset of a later getUpdates call
    const firstId = emu.calls.flatMap((c) =>
      c.method === "getUpdates" && Array.isArray(c.result) ? c.result : [],
    )[0] as {
      update_id: number;
    };
    await emu.waitForCall("getUpdates", (c) => c.params.offset === firstId.update_id + 1);
    expect(emu.callsOf("getUpdates").every((c) => c.params.timeout === 1)).toBe(true);
  });

  it("fails loudly when clicking a button the message does not carry", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    emu.sendText(alice, "hi");
    const message = await bot.api.sendMessage(alice.id, "Pick", { reply_markup: new InlineKeyboard().text("A", "a") });
    expect(() => emu.clickButton(alice, message, "b")).toThrow(/no inline button with callback_data "b".*"A" → "a"/);
    expect(() => emu.clickButton(alice, 999, "a")).toThrow(/has no bot message #999/);
    expect(() => emu.clickButtonByText(alice, message, /^Z/)).toThrow(
      /no inline button\(s\) matching \/\^Z\/.*"A" → "a"/,
    );
    expect(emu.clickButtonByText(alice, message, "A").data).toBe("a");
  });

  it("reports the recent calls when waitFor times out", async () => {
    emu.sendText(alice, "hi");
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    await bot.api.sendMessage(alice.id, "first");
    await expect(emu.waitForBotMessage(alice.id, (m) => m.text === "never", 100)).rejects.toThrow(
      /timed out after 100 ms[\s\S]*#2 text "first"[\s\S]*sendMessage ok[\s\S]*update\(s\) queued but never fetched/,
    );
  });
});

describe("getUpdates", () => {
  it("long-polls until an update arrives, confirms by offset and honours limit", async () => {
    const started = Date.now();
    const poll = rawCall(emu, "getUpdates", { timeout: 5 });
    setTimeout(() => emu.sendText(alice, "late"), 150);
    const first = (await poll).json.result as Array<{ update_id: number }>;
    const elapsed = Date.now() - started;
    expect(first).toHaveLength(1);
    // It waited for the update, and returned with it rather than at the 5 s timeout (which returns none).
    expect(elapsed).toBeGreaterThanOrEqual(100);

    emu.sendText(alice, "two");
    emu.sendText(alice, "three");
    const unconfirmed = (await rawCall(emu, "getUpdates", { limit: 2 })).json.result as Array<{ update_id: number }>;
    expect(unconfirmed.map((u) => u.update_id)).toEqual([first[0]!.update_id, first[0]!.update_id + 1]);
    const rest = (await rawCall(emu, "getUpdates", { offset: first[0]!.update_id + 2 })).json.result as unknown[];
    expect(rest).toHaveLength(1);
    const empty = (await rawCall(emu, "getUpdates", { offset: first[0]!.update_id + 3, timeout: 0 })).json.result;
    expect(empty).toEqual([]);
  });

  it("remembers allowed_updates and drops excluded update types", async () => {
    emu.sendText(alice, "hi");
    emu.subscriptionUpdate(alice, { invoice_payload: "sub", state: "canceled" });
    const result = (await rawCall(emu, "getUpdates", { allowed_updates: ["subscription"] })).json.result as Array<
      Record<string, unknown>
    >;
    expect(result.map((u) => Object.keys(u).filter((k) => k !== "update_id"))).toEqual([["subscription"]]);
  });

  it("answers a conflicting second poller with 409 and refuses polling while a webhook is set", async () => {
    const older = rawCall(emu, "getUpdates", { timeout: 2 });
    await new Promise((r) => setTimeout(r, 50));
    const newer = rawCall(emu, "getUpdates", { timeout: 0 });
    expect((await older).status).toBe(409);
    await newer;
    await rawCall(emu, "setWebhook", { url: "https://example.com/hook" });
    expect((await rawCall(emu, "getUpdates", {})).json.description).toMatch(
      /^Conflict: can't use getUpdates method while webhook is active/,
    );
    expect(emu.violations).toHaveLength(2);
  });
});

describe("HTTP surface", () => {
  it("answers a wrong token with 401 and an unknown method with 404, both violations", async () => {
    expect(await rawCall(emu, "getMe", {}, "1:wrong")).toEqual({
      status: 401,
      json: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await rawCall(emu, "sendTelepathy", {})).toEqual({
      status: 404,
      json: { ok: false, error_code: 404, description: "Not Found" },
    });
    expect(emu.violations).toEqual([
      expect.stringMatching(/^getMe: 401 Unauthorized/),
      expect.stringMatching(/sendTelepathy: 404 Not Found/),
    ]);
    expect(() => emu.assertNoViolations()).toThrow(/broke Telegram's rules[\s\S]*sendTelepathy/);
  });

  it("accepts urlencoded bodies and case-insensitive method names", async () => {
    emu.sendText(alice, "hi");
    const response = await fetch(`${emu.apiRoot}/bot${emu.token}/SENDMESSAGE`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ chat_id: String(alice.id), text: "form" }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    expect(emu.lastBotMessage(alice.id)?.text).toBe("form");
    expect(emu.callsOf("sendMessage")).toHaveLength(1);
  });
});

describe("files", () => {
  it("takes multipart uploads from grammY's InputFile and serves them through getFile", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    emu.sendText(alice, "hi");
    const png = fakePng();
    const sent = await bot.api.sendPhoto(alice.id, new InputFile(png, "x.png"), {
      caption: "A <b>picture</b>",
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Again", "again"),
    });
    const message = emu.lastBotMessage(alice.id)!;
    expect(message).toMatchObject({ kind: "photo", caption: "A picture", content: "A picture" });
    expect(message.caption_entities).toEqual([{ type: "bold", offset: 2, length: 7 }]);
    expect(message.media?.bytes?.equals(png)).toBe(true);
    expect(message.media?.file_name).toBe("x.png");
    expect(sent.photo.at(-1)).toMatchObject({ width: 640, height: 480, file_size: png.length });
    expect(emu.callsOf("sendPhoto")[0]?.params.photo).toBe(`<upload x.png, ${png.length} bytes>`);

    const file = await bot.api.getFile(sent.photo.at(-1)!.file_id);
    const download = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);

    const again = await bot.api.sendPhoto(alice.id, sent.photo[0]!.file_id);
    expect(again.photo[0]?.file_unique_id).toBe(sent.photo[0]?.file_unique_id);
    await bot.api.sendDocument(alice.id, "https://example.com/report.pdf");
    expect(emu.lastBotMessage(alice.id)?.media).toMatchObject({
      url: "https://example.com/report.pdf",
      file_name: "report.pdf",
    });
    expect(emu.violations).toEqual([]);
  });

  it("chooses the file_path itself, whatever the user named the file, and serves it at its encoded URL", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    const names = ["a b#1.p?f", "x.a%zz&b+c", "100%.tar.gz", "no extension #?"];
    for (const file_name of names) {
      const sent = emu.sendDocument(alice, Buffer.from(file_name), { file_name, mime_type: "x/junk" });
      expect(sent.document?.file_name).toBe(file_name);
      const file = await bot.api.getFile(sent.document!.file_id);
      expect(file.file_path).toMatch(/^documents\/file_\d+\.[A-Za-z0-9]+$/);
      const encoded = (file.file_path ?? "").split("/").map(encodeURIComponent).join("/");
      const download = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${encoded}`);
      expect(await download.text()).toBe(file_name);
    }
    expect(emu.callsOf("getFile").map((c) => c.ok)).toEqual([true, true, true, true]);
    // A path no file has, even a malformed one, is Telegram's 404 and nothing worse.
    expect((await fetch(`${emu.apiRoot}/file/bot${emu.token}/documents/file_1.a%zz`)).status).toBe(404);
    expect(emu.violations).toHaveLength(1);
  });

  it("lets the bot download what the user sent and enforces upload and download limits", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    const voice = emu.sendVoice(alice, Buffer.from("OggS voice"), { duration: 3 });
    const file = await bot.api.getFile(voice.voice!.file_id);
    const download = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(await download.text()).toBe("OggS voice");

    const big = emu.sendDocument(alice, Buffer.alloc(21 * 1024 * 1024), {
      file_name: "big.bin",
      mime_type: "application/octet-stream",
    });
    expect((await apiError(bot.api.getFile(big.document!.file_id))).description).toBe("Bad Request: file is too big");
    const hugePhoto = new InputFile(Buffer.alloc(11 * 1024 * 1024, 1), "huge.jpg");
    expect((await apiError(bot.api.sendPhoto(alice.id, hugePhoto))).description).toBe("Bad Request: file is too big");
    expect((await apiError(bot.api.sendVoice(alice.id, "nonsense-id"))).description).toBe(
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
    expect(emu.violations).toHaveLength(3);
  });
});

describe("fault injection and flood limits", () => {
  it("fails the next call as told, with retry_after, without recording a violation", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    emu.sendText(alice, "hi");
    emu.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", retry_after: 7 });
    const error = await apiError(bot.api.sendMessage(alice.id, "one"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(7);
    await bot.api.sendMessage(alice.id, "two");
    expect(emu.messages(alice.id).map((m) => m.text)).toEqual(["two"]);
    expect(emu.violations).toEqual([]);
  });

  it("limits sends per chat when floodLimit is on", async () => {
    const limited = await startTelegramEmulator({ floodLimit: { perChatPerSecond: 2, retryAfterSeconds: 1 } });
    try {
      const bot = new Bot(limited.token, { client: { apiRoot: limited.apiRoot } });
      limited.sendText(alice, "hi");
      await bot.api.sendMessage(alice.id, "1");
      await bot.api.sendMessage(alice.id, "2");
      const error = await apiError(bot.api.sendMessage(alice.id, "3"));
      expect(error.description).toBe("Too Many Requests: retry after 1");
      expect(error.parameters.retry_after).toBe(1);
      await bot.api.sendChatAction(alice.id, "typing"); // not a message send
      expect(limited.violations).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it("answers 403 to sends after the user blocked the bot", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    emu.sendText(alice, "hi");
    emu.blockBot(alice);
    const error = await apiError(bot.api.sendMessage(alice.id, "still there?"));
    expect(error).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(emu.violations).toEqual([]);
  });
});

describe("messages the user deleted", () => {
  it("edits and deletes of them get Telegram's 400, without a violation; of messages never sent, with one", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    emu.sendText(alice, "hi");
    const progress = await bot.api.sendMessage(alice.id, "⏳ working…");
    emu.deleteMessage(alice, progress);
    expect(emu.messages(alice.id)).toEqual([]);

    const edit = await apiError(bot.api.editMessageText(alice.id, progress.message_id, "done"));
    expect(edit).toMatchObject({ error_code: 400, description: "Bad Request: message to edit not found" });
    const markup = await apiError(bot.api.editMessageReplyMarkup(alice.id, progress.message_id));
    expect(markup.description).toBe("Bad Request: message to edit not found");
    const remove = await apiError(bot.api.deleteMessage(alice.id, progress.message_id));
    expect(remove).toMatchObject({ error_code: 400, description: "Bad Request: message to delete not found" });
    expect(emu.violations).toEqual([]);

    // A message id the chat never had is the bot's own mistake.
    await apiError(bot.api.editMessageText(alice.id, 4242, "x"));
    await apiError(bot.api.deleteMessage(alice.id, 4243));
    expect(emu.violations).toEqual([
      expect.stringMatching(/^editMessageText: 400 Bad Request: message to edit not found — no message 4242/),
      expect.stringMatching(/^deleteMessage: 400 Bad Request: message to delete not found — no message 4243/),
    ]);
  });

  it("a user can delete only what the chat shows", () => {
    emu.sendText(alice, "hi");
    expect(() => emu.deleteMessage(alice, 99)).toThrow(/shows no message #99/);
  });

  it("a method it does not implement gets 404 Not Found, as from Telegram", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    const error = await apiError(bot.api.raw.sendGift({ user_id: alice.id, gift_id: "g" }));
    expect(error).toMatchObject({ error_code: 404, description: "Not Found", method: "sendGift" });
  });
});
