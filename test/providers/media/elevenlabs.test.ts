import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderRoute } from "../../../src/catalog/types.js";
import {
  createElevenLabsProvider,
  dialogueInputs,
  ELEVENLABS_DEFAULT_VOICES,
} from "../../../src/providers/elevenlabs.js";
import type { ProviderError } from "../../../src/providers/errors.js";
import { bytesInput } from "../../../src/providers/input-file.js";
import type { MediaOutput, MediaProvider } from "../../../src/providers/types.js";
import { type ElevenLabsFake, startElevenLabsFake } from "../../support/fakes/elevenlabs-fake.js";
import { countBytes, MP3_SAMPLE, pollToEnd } from "../../support/fakes/media-fake-kit.js";

const KEY = "xi-media-test";
const GEORGE = "JBFqnCBsd6RMkjVDRZzb";
let fake: ElevenLabsFake;
let eleven: MediaProvider;

const route = (
  operation: ProviderRoute["operation"],
  upstream: string,
  extra: Partial<ProviderRoute> = {},
): ProviderRoute => ({
  provider: "elevenlabs",
  operation,
  upstream,
  ...extra,
});
const voiceNote = bytesInput(Buffer.from("OggS voice"), "voice.oga", "audio/ogg");

beforeAll(async () => {
  fake = await startElevenLabsFake({ apiKey: KEY });
  eleven = createElevenLabsProvider({ apiKey: KEY, baseUrl: fake.baseUrl, sleep: async () => {} });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.pollsNeeded(0);
});

const lastRequest = () => fake.requests.at(-1);
const bytesOf = (result: Awaited<ReturnType<MediaProvider["submit"]>>) =>
  result.status === "done" ? (result.outputs[0] as MediaOutput & { type: "bytes" }) : undefined;

describe("elevenlabs audio", () => {
  it("speaks with the voice the user picked, mapped to its id", async () => {
    const tts = route("speech", "eleven_flash_v2_5", {
      input: { voice: "voice_id" },
      values: { voice: { george: GEORGE } },
    });
    const result = await eleven.submit({ route: tts, prompt: "Hello there", params: { voice: "george" } });
    expect(bytesOf(result)).toMatchObject({ mime: "audio/mpeg", filename: "audio.mp3" });
    expect(bytesOf(result)?.data.equals(MP3_SAMPLE)).toBe(true);
    expect(lastRequest()?.path).toBe(`/v1/text-to-speech/${GEORGE}`);
    expect(lastRequest()?.query.get("output_format")).toBe("mp3_44100_128");
    expect(lastRequest()?.headers["xi-api-key"]).toBe(KEY);
    expect(lastRequest()?.json).toEqual({ model_id: "eleven_flash_v2_5", text: "Hello there" });
  });

  it("makes sound effects and music", async () => {
    await eleven.submit({
      route: route("sound", "eleven_text_to_sound_v2"),
      prompt: "door creak",
      params: { duration_seconds: 3 },
    });
    expect(lastRequest()?.path).toBe("/v1/sound-generation");
    expect(lastRequest()?.json).toEqual({
      model_id: "eleven_text_to_sound_v2",
      duration_seconds: 3,
      text: "door creak",
    });

    const music = route("music", "music_v1", {
      input: { duration: "music_length_ms" },
      values: { duration: { 30: 30000 } },
    });
    const result = await eleven.submit({ route: music, prompt: "lofi beat", params: { duration: 30 } });
    expect(result.status).toBe("done");
    expect(lastRequest()?.json).toEqual({ model_id: "music_v1", music_length_ms: 30000, prompt: "lofi beat" });
  });

  it("reads a script as a dialogue of two voices", async () => {
    await eleven.submit({
      route: route("dialogue", "eleven_v3"),
      prompt: "Anna: Hi!\nBoris: Hello.\nAnna: Bye.",
      params: {},
    });
    expect(lastRequest()?.path).toBe("/v1/text-to-dialogue");
    expect(lastRequest()?.json).toEqual({
      model_id: "eleven_v3",
      inputs: [
        { text: "Hi!", voice_id: ELEVENLABS_DEFAULT_VOICES[0] },
        { text: "Hello.", voice_id: ELEVENLABS_DEFAULT_VOICES[1] },
        { text: "Bye.", voice_id: ELEVENLABS_DEFAULT_VOICES[0] },
      ],
    });
    expect(dialogueInputs("one\ntwo", ["a", "b"])).toEqual([
      { text: "one", voice_id: "a" },
      { text: "two", voice_id: "b" },
    ]);
  });

  it("transcribes a voice note to text", async () => {
    fake.transcript("Сегодня хорошая погода");
    const result = await eleven.submit({ route: route("transcription", "scribe_v1"), params: {}, file: voiceNote });
    expect(result).toEqual({ status: "done", outputs: [{ type: "text", text: "Сегодня хорошая погода" }] });
    const body = lastRequest()?.body.toString("latin1") ?? "";
    expect(body).toContain('name="model_id"\r\n\r\nscribe_v1');
    expect(body).toContain('name="file"; filename="voice.ogg"');
  });

  it("changes a voice and isolates speech from multipart audio", async () => {
    const changed = await eleven.submit({
      route: route("voice-change", "eleven_multilingual_sts_v2"),
      params: { voice_id: GEORGE },
      file: voiceNote,
    });
    expect(bytesOf(changed)?.mime).toBe("audio/mpeg");
    expect(lastRequest()?.path).toBe(`/v1/speech-to-speech/${GEORGE}`);
    expect(lastRequest()?.body.toString("latin1")).toContain('name="audio"; filename="voice.ogg"');

    const isolated = await eleven.submit({ route: route("isolation", "audio-isolation"), params: {}, file: voiceNote });
    expect(bytesOf(isolated)?.data.equals(MP3_SAMPLE)).toBe(true);
    expect(lastRequest()?.path).toBe("/v1/audio-isolation");
    expect(lastRequest()?.body.toString("latin1")).not.toContain('name="model_id"');
  });
});

describe("elevenlabs dubbing", () => {
  const dubbing = route("dubbing", "dubbing", { input: { language: "target_lang" } });

  it("dubs, polls and downloads the result with the key", async () => {
    fake.pollsNeeded(2);
    const result = await eleven.submit({
      route: dubbing,
      params: { language: "es" },
      file: bytesInput(MP3_SAMPLE, "talk.mp3", "audio/mpeg"),
    });
    expect(result.status).toBe("pending");
    const jobId = result.status === "pending" ? result.jobId : "";
    expect(jobId).toMatch(/:es$/);
    expect(lastRequest()?.body.toString("latin1")).toContain('name="target_lang"\r\n\r\nes');

    const polls = await pollToEnd(eleven, dubbing, jobId);
    expect(polls.map((p) => p.status)).toEqual(["pending", "pending", "done"]);
    const done = polls.at(-1);
    const output = done?.status === "done" ? (done.outputs[0] as MediaOutput & { type: "url" }) : undefined;
    expect(output?.url).toBe(`${fake.baseUrl}/v1/dubbing/${jobId.split(":")[0]}/audio/es`);

    const response = await eleven.download?.(dubbing, output as MediaOutput & { type: "url" });
    expect(response?.headers.get("content-type")).toBe("audio/mpeg");
    expect((await countBytes(response?.body ?? null)).head.subarray(0, 3).toString()).toBe("ID3");
    expect(lastRequest()?.headers["xi-api-key"]).toBe(KEY);
    expect(await eleven.download?.(dubbing, { type: "url", url: "https://cdn.example/x.mp3" })).toBeNull();
  });

  it("reports a failed dubbing with its error", async () => {
    fake.failJob("Audio too short to detect speakers");
    const result = await eleven.submit({ route: dubbing, params: { language: "de" }, file: voiceNote });
    const jobId = result.status === "pending" ? result.jobId : "";
    expect((await pollToEnd(eleven, dubbing, jobId)).at(-1)).toEqual({
      status: "failed",
      reason: "Audio too short to detect speakers",
    });
  });
});

describe("elevenlabs errors", () => {
  const tts = route("speech", "eleven_multilingual_v2");

  it("tells an exhausted quota (a 401) from a bad key", async () => {
    fake.failNext(401, {
      detail: {
        status: "quota_exceeded",
        message:
          "This request exceeds your quota of 10000. You have 3 credits remaining, while 35 credits are required for this request.",
      },
    });
    const quota = await eleven.submit({ route: tts, prompt: "hi", params: {} }).catch((e: unknown) => e);
    expect(quota).toMatchObject({ kind: "billing", status: 401 });
    expect((quota as ProviderError).reason).toMatch(/exceeds your quota/);

    const stranger = createElevenLabsProvider({ apiKey: "bad", baseUrl: fake.baseUrl, sleep: async () => {} });
    const bad = await stranger.submit({ route: tts, prompt: "hi", params: {} }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: "auth", status: 401, reason: "Invalid API key" });
  });

  it("passes on an unknown voice in ElevenLabs' words", async () => {
    const error = await eleven
      .submit({ route: tts, prompt: "hi", params: { voice_id: "nobody" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "unavailable",
      status: 404,
      reason: "A voice with the voice_id nobody was not found.",
    });
  });

  it("reports a refused prompt as moderation", async () => {
    fake.failJob("The prompt was flagged by content moderation");
    const error = await eleven
      .submit({ route: route("music", "music_v1"), prompt: "x", params: {} })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "moderation",
      status: 400,
      reason: "The prompt was flagged by content moderation",
    });
  });
});
