import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type ElevenLabsFake, startElevenLabsFake } from "../support/fakes/elevenlabs-fake.js";
import { MP3_SAMPLE, MP4_SAMPLE } from "../support/fakes/media-fake-kit.js";
import { confirmNextQuote, givePlan, lastId, promptAndConfirm, selectModel } from "../support/media-e2e.js";
import type { TgUser } from "../support/telegram/types.js";

/** ElevenLabs voice ids of the catalog's default voices. */
const SARAH = "EXAVITQu4vr4xnSDxMaL";
const GEORGE = "JBFqnCBsd6RMkjVDRZzb";

/** ElevenLabs: speech, music, dialogue, transcription, and audio tools that take the user's audio. */
describe("ElevenLabs models end to end", () => {
  let eleven: ElevenLabsFake;
  let stack: Stack;

  beforeAll(async () => {
    eleven = await startElevenLabsFake();
    stack = await startStack({ ELEVENLABS_API_KEY: "xi-test", ELEVENLABS_BASE_URL: eleven.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await eleven?.close();
  });

  const last = (path: RegExp) => eleven.requests.filter((r) => r.method === "POST" && path.test(r.path)).at(-1);

  async function paidUser(id: number): Promise<TgUser> {
    const user = testUser(id);
    await say(stack.tg, user, "/start");
    await givePlan(stack, user.id);
    return user;
  }

  it("speech, music and a two-voice dialogue come back as audio", async () => {
    const { tg } = stack;
    const user = await paidUser(7401);
    const start = await balanceOf(tg, user);

    await selectModel(stack, user, "elevenlabs-flash");
    let after = lastId(stack, user);
    await promptAndConfirm(stack, user, "Good morning!");
    const speech = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && (m.kind === "audio" || m.kind === "voice"),
      20_000,
    );
    expect(speech.media?.bytes?.equals(MP3_SAMPLE)).toBe(true);
    const tts = last(/^\/v1\/text-to-speech\//);
    expect(tts?.path).toBe(`/v1/text-to-speech/${SARAH}`);
    expect(tts?.query.get("output_format")).toBe("mp3_44100_128");
    expect(tts?.json).toEqual({ model_id: "eleven_flash_v2_5", text: "Good morning!" });

    await selectModel(stack, user, "elevenlabs-music");
    after = lastId(stack, user);
    await promptAndConfirm(stack, user, "an upbeat synthwave track");
    await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "audio", 20_000);
    expect(last(/^\/v1\/music$/)?.json).toEqual({
      model_id: "music_v1",
      prompt: "an upbeat synthwave track",
      music_length_ms: 60_000,
    });

    await selectModel(stack, user, "el-dialogue");
    after = lastId(stack, user);
    await promptAndConfirm(stack, user, "Anna: Hi!\nBoris: Hello, Anna.");
    await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "audio", 20_000);
    // The card's two voices (sarah, george) speak the two named speakers.
    expect(last(/^\/v1\/text-to-dialogue$/)?.json).toEqual({
      model_id: "eleven_v3",
      inputs: [
        { text: "Hi!", voice_id: SARAH },
        { text: "Hello, Anna.", voice_id: GEORGE },
      ],
    });
    expect(await balanceOf(tg, user)).toBe(start - 18 - 58 - 15);
    await tg.expectClean();
  }, 60_000);

  it("Scribe transcribes a video note; the voice changer and dubbing take an audio file", async () => {
    const { tg } = stack;
    const user = await paidUser(7402);
    // A transcript is shown as it was heard: no Markdown, markup-like text escaped.
    eleven.transcript("Testing *one* two <three> & four.");

    await selectModel(stack, user, "elevenlabs-scribe");
    let after = lastId(stack, user);
    tg.sendVideoNote(user, MP4_SAMPLE, { duration: 4 });
    await confirmNextQuote(stack, user, after);
    const transcript = await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && m.content.startsWith("Testing"),
      20_000,
    );
    expect(transcript.kind).toBe("text");
    expect(transcript.content).toMatch(
      /^Testing \*one\* two <three> & four\.\n\n— elevenlabs-scribe · 2 🪙 · balance: /,
    );
    expect(transcript.entities?.filter((e) => e.type !== "italic")).toEqual([]);
    const stt = last(/^\/v1\/speech-to-text$/);
    expect(stt?.body.toString("latin1")).toContain("scribe_v1");

    await selectModel(stack, user, "el-voice-changer");
    after = lastId(stack, user);
    tg.sendAudio(user, MP3_SAMPLE, { duration: 5, file_name: "me.mp3" });
    const changer = await confirmNextQuote(stack, user, after);
    expect(changer.price).toBe(15);
    const changed = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "audio", 20_000);
    expect(changed.media?.bytes?.equals(MP3_SAMPLE)).toBe(true);
    expect(last(/^\/v1\/speech-to-speech\//)?.path).toBe(`/v1/speech-to-speech/${GEORGE}`);

    // Dubbing is priced by the source's started minutes and runs as a polled job.
    await selectModel(stack, user, "el-dubbing");
    eleven.pollsNeeded(1);
    after = lastId(stack, user);
    tg.sendAudio(user, MP3_SAMPLE, { duration: 75, file_name: "talk.mp3" });
    const dubbing = await confirmNextQuote(stack, user, after);
    expect(dubbing.price).toBe(120);
    const dubbed = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "audio", 30_000);
    expect(dubbed.media?.bytes?.equals(MP3_SAMPLE)).toBe(true);
    // The user's files reached ElevenLabs as uploads: no request carried the bot token or a Telegram file URL.
    const seen = eleven.requests.map((r) => `${r.path} ${JSON.stringify(r.headers)} ${r.body.toString("latin1")}`);
    expect(seen.some((text) => text.includes(tg.token) || text.includes("/file/bot"))).toBe(false);
    expect(last(/^\/v1\/dubbing$/)?.body.toString("latin1")).toMatch(/name="end_time"\r\n\r\n120\r\n/);
    await tg.expectClean();
  }, 60_000);

  it("a recording over the card's limit is refused with the limit named, before anything is charged", async () => {
    const { tg } = stack;
    const user = await paidUser(7403);
    const start = await balanceOf(tg, user);
    const card = await selectModel(stack, user, "elevenlabs-scribe");
    expect(card.content).toMatch(/Recordings up to 10 min/);
    const upstreamCalls = () => eleven.requests.filter((r) => r.method === "POST").length;
    const before = upstreamCalls();

    const after = lastId(stack, user);
    tg.sendVoice(user, MP3_SAMPLE, { duration: 11 * 60 + 5 });
    const refusal = await tg.waitForBotMessage(user.id, (m) => m.message_id > after);
    expect(refusal.content).toMatch(/ElevenLabs Scribe takes recordings up to 10 min; this one is 12 min/);
    expect(refusal.buttons.some((b) => /Confirm/.test(b.text))).toBe(false);

    // The voice changer is refused the same way.
    await selectModel(stack, user, "el-voice-changer");
    const next = lastId(stack, user);
    tg.sendAudio(user, MP3_SAMPLE, { duration: 3600, file_name: "hour.mp3" });
    const second = await tg.waitForBotMessage(user.id, (m) => m.message_id > next);
    expect(second.content).toMatch(/ElevenLabs Voice Changer takes recordings up to 10 min; this one is 60 min/);
    expect(await balanceOf(tg, user)).toBe(start);
    expect(upstreamCalls()).toBe(before);
    await tg.expectClean();
  }, 60_000);
});
