import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type AnthropicFake, startAnthropicFake } from "../support/fakes/anthropic-fake.js";
import { createMediaScript, PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import { confirmNextQuote, givePlan, lastId, promptAndConfirm, selectModel } from "../support/media-e2e.js";

const MB = 1024 * 1024;
/** An Ogg page header is enough for the fakes: they look at names and sizes, not at sound. */
const VOICE = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(200)]);

/** OpenAI images, speech and transcription, Anthropic text, and the voice paths between them. */
describe("OpenAI and Anthropic models end to end", () => {
  let openai: OpenAiFake;
  let anthropic: AnthropicFake;
  const media = createMediaScript();
  let stack: Stack;

  beforeAll(async () => {
    anthropic = await startAnthropicFake();
    openai = await startOpenAiFake({
      extraRoutes: createOpenAiMediaRoutes({ apiKey: "test-openai-key", script: media }),
    });
    stack = await startStack({
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.baseUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
    await anthropic?.close();
  });

  const requestsTo = (path: string) => openai.requests.filter((r) => r.method === "POST" && r.path === path);

  it("dall-e-3: a parameter change shows the new price, and the request goes to GPT Image 2.6 with mapped values", async () => {
    const { tg } = stack;
    const user = testUser(7301);
    await say(tg, user, "/start");
    const card = await selectModel(stack, user, "dall-e-3");
    expect(card.content).toMatch(/Price: 5 🪙 per request \(from 5 to 13/);
    expect(card.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(["Size:", "✅ 1024x1024 · 5", "1792x1024 · 9", "Quality:", "HD · 9"]),
    );

    tg.clickButtonByText(user, card, "1792x1024 · 9");
    const wide = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === card.message_id && /Price: 9 /.test(m.content),
    );
    expect(tg.callbackAnswers.at(-1)?.text).toBe("Price now: 9 🪙");
    tg.clickButtonByText(user, wide, "HD · 13");
    const hd = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === card.message_id && /Price: 13 /.test(m.content),
    );
    expect(hd.content).toMatch(/Size: 1792x1024 · Quality: HD/);

    const after = lastId(stack, user);
    const { quote, price } = await promptAndConfirm(stack, user, "a panorama of Paris");
    expect(price).toBe(13);
    expect(quote.content).toMatch(/Size: 1792x1024 · Quality: HD/);
    const photo = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    expect(photo.media?.bytes?.equals(PNG_1X1)).toBe(true);
    expect(requestsTo("/v1/images/generations").at(-1)?.json).toEqual({
      model: "gpt-image-2.6-flare",
      prompt: "a panorama of Paris",
      size: "1536x1024",
      quality: "high",
    });
    expect(await balanceOf(tg, user)).toBe(50 - 13);

    // The original file of a result that came as bytes.
    tg.clickButtonByText(user, photo, "📎 Original file");
    const original = await tg.waitForBotMessage(user.id, (m) => m.kind === "document");
    expect(original.media?.bytes?.equals(PNG_1X1)).toBe(true);
    await tg.expectClean();
  }, 60_000);

  it("a voice message with no model selected goes to the default speech-to-text model and comes back as its transcript", async () => {
    const { tg } = stack;
    const user = testUser(7302);
    await say(tg, user, "/start");
    const after = lastId(stack, user);
    tg.sendVoice(user, VOICE, { duration: 3 });
    const { quote, price } = await confirmNextQuote(stack, user, after);
    expect(quote.content).toMatch(/Whisper/);
    expect(price).toBe(2);
    const transcript = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Hello from the fake transcription."),
      20_000,
    );
    expect(transcript.content).toMatch(/2 🪙 · balance: 48/);
    const upload = requestsTo("/v1/audio/transcriptions").at(-1);
    // Telegram's voice notes are .oga: sent as .ogg, a name the transcription API accepts.
    expect(upload?.body.toString("latin1")).toMatch(/filename="?[^"\r\n]*\.ogg"?\r\n/);
    expect(await balanceOf(tg, user)).toBe(48);
    await tg.expectClean();
  }, 60_000);

  it("a voice message to a text model (Anthropic) is transcribed and answered in one priced request", async () => {
    const { tg } = stack;
    const user = testUser(7303);
    await say(tg, user, "/start");
    await selectModel(stack, user, "claude-haiku-4.5");
    const after = lastId(stack, user);
    tg.sendVoice(user, VOICE, { duration: 2 });
    // 1 (Claude Haiku) + 2 (Whisper) is within the auto-confirm limit: it runs at once.
    const answer = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.includes("Echo from"),
      20_000,
    );
    expect(answer.content).toMatch(/Echo from claude-haiku-4-5.*: Hello from the fake transcription\./);
    expect(answer.content).toMatch(/3 🪙 · balance: 47/);
    const heard = tg.messages(user.id).find((m) => m.message_id > after && m.content.startsWith("🎤"));
    expect(heard?.content).toBe("🎤 Hello from the fake transcription.");
    expect(heard!.message_id).toBeLessThan(answer.message_id);
    expect(await balanceOf(tg, user)).toBe(47);

    // Plain text to Claude too, with the transcribed turn as context.
    await say(tg, user, "and what did I say?", (c) => c.includes("Echo from"));
    const body = anthropic.messagesBodies().at(-1);
    expect(JSON.stringify(body?.messages)).toContain("Hello from the fake transcription.");
    await tg.expectClean();
  }, 60_000);

  it("OpenAI text to speech is unavailable: its card says why and selects nothing", async () => {
    const { tg } = stack;
    const user = testUser(7304);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    const menu = await say(tg, user, "/models", (c) => /Choose a category/.test(c));
    tg.clickButtonByText(user, menu, "🗣 Text to speech");
    const list = await tg.waitFor(() => {
      const m = tg.messages(user.id).find((x) => x.message_id === menu.message_id);
      return m?.buttons.some((b) => /^⛔ OpenAI TTS · /.test(b.text)) ? m : undefined;
    });
    tg.clickButtonByText(user, list, /^⛔ OpenAI TTS · /);
    const card = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === menu.message_id && /OpenAI is retiring this voice model/.test(m.content),
    );
    expect(card.content).not.toMatch(/routes-unavailable|Selected/);
    expect(requestsTo("/v1/audio/speech")).toHaveLength(0);
    await tg.expectClean();
  }, 60_000);

  it("a file over Telegram's 20 MB download limit is refused clearly, before any quote", async () => {
    const { tg } = stack;
    const user = testUser(7305);
    await say(tg, user, "/start");
    await selectModel(stack, user, "whisper");
    const after = lastId(stack, user);
    tg.sendAudio(user, Buffer.alloc(21 * MB, 1), { duration: 1200, file_name: "lecture.mp3" });
    const refusal = await tg.waitForBotMessage(user.id, (m) => m.message_id > after);
    expect(refusal.content).toBe(
      "The file is too large (21 MB): Telegram lets bots download up to 20 MB. Please send a smaller one.",
    );
    expect(tg.callsOf("getFile")).toHaveLength(tg.callsOf("getFile").filter((c) => c.ok).length);
    expect(
      tg.messages(user.id).some((m) => m.buttons.some((b) => /Confirm/.test(b.text)) && m.message_id > after),
    ).toBe(false);
    expect(await balanceOf(tg, user)).toBe(50);
    await tg.expectClean();
  }, 60_000);
});
