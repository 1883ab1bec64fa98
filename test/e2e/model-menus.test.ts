import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cb } from "../../src/bot/callback-data.js";
import type { ModelKind } from "../../src/catalog/types.js";
import { type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type AnthropicFake, startAnthropicFake } from "../support/fakes/anthropic-fake.js";
import { type ElevenLabsFake, startElevenLabsFake } from "../support/fakes/elevenlabs-fake.js";
import { type LumaFake, startLumaFake } from "../support/fakes/luma-fake.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { givePlan } from "../support/media-e2e.js";
import type { BotMessage, TgUser } from "../support/telegram/types.js";

/** The rows of buttons a message shows now, as their texts. */
const rowsOf = (m: BotMessage) => (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));

/** /models in the user's language: the model menu, the model list and the cards explain themselves. */
describe("model lists, cards and parameters", () => {
  let openai: OpenAiFake;
  let anthropic: AnthropicFake;
  let luma: LumaFake;
  let eleven: ElevenLabsFake;
  let stack: Stack;

  beforeAll(async () => {
    [openai, anthropic, luma, eleven] = await Promise.all([
      startOpenAiFake(),
      startAnthropicFake(),
      startLumaFake(),
      startElevenLabsFake(),
    ]);
    // Gemini, DeepSeek, xAI, Replicate and Midjourney have no key here: their products cannot run.
    stack = await startStack({
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.baseUrl,
      LUMA_API_KEY: "luma-test",
      LUMA_BASE_URL: luma.baseUrl,
      ELEVENLABS_API_KEY: "xi-test",
      ELEVENLABS_BASE_URL: eleven.baseUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await Promise.all([openai?.close(), anthropic?.close(), luma?.close(), eleven?.close()]);
  });

  /** The message `id` once it satisfies `ready`. */
  const shown = (user: TgUser, id: number, ready: (m: BotMessage) => boolean) =>
    stack.tg.waitFor(() => {
      const m = stack.tg.messages(user.id).find((x) => x.message_id === id);
      return m && ready(m) ? m : undefined;
    });

  /** /models → a category: the list, on the menu's own message. */
  async function openList(user: TgUser, kind: ModelKind): Promise<BotMessage> {
    const menu = await say(stack.tg, user, "/models");
    expect(rowsOf(menu).every((row) => row.length > 0)).toBe(true);
    stack.tg.clickButton(user, menu, cb.category.pack({ kind }));
    return shown(user, menu.message_id, (m) => m.buttons.some((b) => cb.model.filter.test(b.callback_data ?? "")));
  }

  /** /models → category → the product's card (its "💡 best for" line marks it). */
  async function openCard(user: TgUser, slug: string, kind: ModelKind): Promise<BotMessage> {
    const list = await openList(user, kind);
    stack.tg.clickButton(user, list, cb.model.pack({ slug }));
    return shown(user, list.message_id, (m) => m.content.includes("💡"));
  }

  it("lists display names, the plan's models first, locked ones after, then those that cannot run; no empty rows (en)", async () => {
    const { tg } = stack;
    const user = testUser(9801);
    await say(tg, user, "/start");
    const menu = await say(tg, user, "/models");
    expect(rowsOf(menu).map((row) => row.length)).toEqual([2, 2, 2, 2, 1]);
    expect(rowsOf(menu).at(-1)).toEqual(["« Menu"]);

    const list = await openList(user, "text");
    expect(rowsOf(list)).toEqual([
      ["GPT-5 nano · 1 🪙"],
      ["Claude Haiku 4.5 · 1 🪙"],
      ["🔒 GPT-5 · 2 🪙"],
      ["🔒 GPT-5.2 · 4 🪙"],
      ["🔒 Claude Sonnet 4.5 · 4 🪙"],
      ["🔒 Claude Opus 4.5 · 6 🪙"],
      ["🔒 GPT-5.2 Pro · 39 🪙"],
      ["⛔ Gemini 2.5 Flash · 1 🪙"],
      ["⛔ DeepSeek V3 · 1 🪙"],
      ["⛔ Grok 4 Fast · 1 🪙"],
      ["⛔ DeepSeek R1 · 1 🪙"],
      ["⛔ Gemini 3 Pro · 3 🪙"],
      ["« Back"],
    ]);
    await tg.expectClean();
  }, 60_000);

  it("orders and names the same way in Russian, with every row filled", async () => {
    const { tg } = stack;
    const user = testUser(9802, "ru");
    await say(tg, user, "/start");
    const list = await openList(user, "video");
    const rows = rowsOf(list);
    expect(rows.every((row) => row.length === 1)).toBe(true);
    expect(rows[0]).toEqual(["Luma Ray2 Flash · 15–93 🪙"]);
    expect(rows.slice(1, -1).every(([text]) => /^[🔒⛔] /u.test(text ?? ""))).toBe(true);
    expect(rows.flat()).toContain("🔒 Luma Ray2 · 42–180 🪙");
    expect(rows.flat().some((text) => /luma-ray2|veo-3\.1/.test(text))).toBe(false);
    expect(rows.at(-1)).toEqual(["« Назад"]);
    await tg.expectClean();
  }, 60_000);

  it("a video card labels its parameter rows, shows 5 s with its price, and its label explains itself", async () => {
    const { tg } = stack;
    const user = testUser(9803);
    await say(tg, user, "/start");
    const card = await openCard(user, "luma-ray2-flash", "video");
    expect(card.content).toContain("💡 Short clips from a description, quickly and cheaply.");
    expect(card.content).toContain("Describe the scene for the video.");
    expect(card.content).toContain("Parameters: Resolution: 540p · Duration: 5 s · Aspect ratio: 16:9");
    const rows = rowsOf(card);
    const durations = rows.findIndex((row) => row.includes("✅ 5 s · 15"));
    expect(rows[durations - 1]).toEqual(["Duration:"]);
    expect(rows[durations]).toEqual(["✅ 5 s · 15", "9 s · 27"]);
    expect(rows.every((row) => row.length > 0)).toBe(true);

    const label = cb.paramInfo.pack({ slug: "luma-ray2-flash", name: "duration" });
    tg.clickButton(user, card, label);
    const hint = await tg.waitFor(() => tg.callbackAnswers.find((a) => a.data === label));
    expect(hint.text).toMatch(/^Duration: choose a value below/);

    tg.clickButtonByText(user, card, "9 s · 27");
    const longer = await shown(user, card.message_id, (m) => m.content.includes("Price: 27 🪙"));
    expect(longer.content).toContain("Duration: 9 s");
    expect(rowsOf(longer)[durations]).toEqual(["5 s · 15", "✅ 9 s · 27"]);
    await tg.expectClean();
  }, 60_000);

  it("the same video card in Russian: «Длительность:» над «5 с»", async () => {
    const { tg } = stack;
    const user = testUser(9804, "ru");
    await say(tg, user, "/start");
    const card = await openCard(user, "luma-ray2-flash", "video");
    expect(card.content).toContain("Опишите сцену для видео.");
    const rows = rowsOf(card);
    const durations = rows.findIndex((row) => row.includes("✅ 5 с · 15"));
    expect(rows[durations - 1]).toEqual(["Длительность:"]);
    expect(rows[durations]).toEqual(["✅ 5 с · 15", "9 с · 27"]);
    await tg.expectClean();
  }, 60_000);

  it("a TTS card asks for the text to speak, and dubbing is priced per minute of audio (en, ru)", async () => {
    const { tg } = stack;
    const english = testUser(9805);
    const russian = testUser(9806, "ru");
    for (const user of [english, russian]) {
      await say(tg, user, "/start");
      await givePlan(stack, user.id);
    }

    const tts = await openCard(english, "elevenlabs-flash", "tts");
    expect(tts.content).toContain("💡 Fast, natural voice-over in many languages.");
    expect(tts.content).toContain("✅ Selected. Send the text to speak.");
    expect(tts.content).toContain("Price: 18 🪙 per request");
    const ttsRu = await openCard(russian, "elevenlabs-flash", "tts");
    expect(ttsRu.content).toContain("✅ Выбрано. Пришлите текст, который нужно озвучить.");
    expect(ttsRu.content).toContain("Цена: 18 🪙 за запрос");

    const dubbing = await openCard(english, "el-dubbing", "audio");
    expect(dubbing.content).toContain("Price: 60 🪙 per minute of audio");
    expect(dubbing.content).toContain("The price is per minute of audio: each started minute counts.");
    expect(dubbing.content).not.toMatch(/from 60 to 600|per request/);
    expect(rowsOf(dubbing)[0]).toEqual(["Language:"]);
    const dubbingRu = await openCard(russian, "el-dubbing", "audio");
    expect(dubbingRu.content).toContain("Цена: 60 🪙 за минуту аудио");
    expect(dubbingRu.content).toContain("Цена — за минуту аудио: считается каждая начатая минута.");
    expect(rowsOf(dubbingRu).flat()).toContain("✅ Английский");
    // Text sent to a model that takes audio: a reminder of what it takes, not another "Selected".
    const reminder = await say(tg, english, "dub this please");
    expect(reminder.content).toMatch(/^🎙 .+ takes a voice message or an audio file\.$/);
    const reminderRu = await say(tg, russian, "озвучь это");
    expect(reminderRu.content).toMatch(/^🎙 .+ принимает голосовое сообщение или аудиофайл\.$/);
    await tg.expectClean();
  }, 60_000);

  it("ElevenLabs Dialogue names its two voice rows Voice 1 and Voice 2 (Голос 1, Голос 2)", async () => {
    const { tg } = stack;
    const english = testUser(9807);
    const russian = testUser(9808, "ru");
    for (const user of [english, russian]) {
      await say(tg, user, "/start");
      await givePlan(stack, user.id);
    }
    const labels = (m: BotMessage) => rowsOf(m).filter((row) => row.length === 1 && row[0]?.endsWith(":"));

    const card = await openCard(english, "el-dialogue", "audio");
    expect(labels(card)).toEqual([["Voice 1:"], ["Voice 2:"]]);
    expect(card.content).toContain("Voice 1: Sarah · Voice 2: George");
    // Laura in the second voice's rows.
    tg.clickButton(english, card, cb.param.pack({ slug: "el-dialogue", name: "voice2", index: "2" }));
    const changed = await shown(english, card.message_id, (m) => m.content.includes("Voice 2: Laura"));
    expect(changed.content).toContain("Voice 1: Sarah · Voice 2: Laura");

    const cardRu = await openCard(russian, "el-dialogue", "audio");
    expect(labels(cardRu)).toEqual([["Голос 1:"], ["Голос 2:"]]);
    expect(cardRu.content).toContain("Голос 1: Sarah · Голос 2: George");
    expect(cardRu.content).toContain("первый собеседник звучит голосом 1, второй — голосом 2");
    await tg.expectClean();
  }, 60_000);
});
