import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicFake, startAnthropicFake } from "../support/fakes/anthropic-fake.js";
import { type ElevenLabsFake, startElevenLabsFake } from "../support/fakes/elevenlabs-fake.js";
import { type OpenAiFake, type OpenAiFlavor, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { type ReplicateFake, startReplicateFake } from "../support/fakes/replicate-fake.js";
import {
  ANTHROPIC_MODELS,
  DEEPSEEK_MODELS,
  ELEVENLABS_MODELS,
  GEMINI_MODELS,
  OPENAI_MODELS,
  XAI_MODELS,
} from "../support/fakes/served-models.js";

const bearer = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

describe.each([
  { flavor: "openai" as OpenAiFlavor, ids: OPENAI_MODELS, model: "gpt-5.5" },
  { flavor: "xai" as OpenAiFlavor, ids: XAI_MODELS, model: "grok-4.3" },
  { flavor: "deepseek" as OpenAiFlavor, ids: DEEPSEEK_MODELS, model: "deepseek-flash" },
  { flavor: "gemini" as OpenAiFlavor, ids: GEMINI_MODELS, model: "gemini-3.5-flash" },
])("the $flavor fake's model listing", ({ flavor, ids, model }) => {
  let fake: OpenAiFake;
  beforeAll(async () => {
    fake = await startOpenAiFake({ flavor });
  });
  afterAll(() => fake.close());

  const list = () => fetch(`${fake.baseUrl}/models`, { headers: bearer(fake.apiKey) });
  const chat = (name: string) =>
    fetch(`${fake.baseUrl}/chat/completions`, {
      method: "POST",
      headers: bearer(fake.apiKey),
      body: JSON.stringify({ model: name, messages: [{ role: "user", content: "hi" }] }),
    });

  it("serves the real list in the real wire shape", async () => {
    fake.listing.reset();
    const response = await list();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: Record<string, unknown>[] };
    expect(body.object).toBe("list");
    const prefix = flavor === "gemini" ? "models/" : "";
    expect(body.data.map((m) => m.id)).toEqual(ids.map((id) => `${prefix}${id}`));
    for (const entry of body.data) {
      expect(entry).toEqual({
        id: expect.any(String),
        object: "model",
        created: expect.any(Number),
        owned_by: expect.any(String),
      });
    }
  });

  it("accepts exactly the listed ids", async () => {
    fake.listing.reset();
    expect((await chat(model)).status).toBe(200);
    fake.listing.set([]);
    const gone = await chat(model);
    expect(gone.status).toBe(404);
    const error = await gone.json();
    if (flavor === "gemini") expect(error).toMatchObject([{ error: { code: 404, status: "NOT_FOUND" } }]);
    else
      expect(error).toEqual({
        error: {
          message: expect.stringContaining(model),
          type: "invalid_request_error",
          param: "model",
          code: "model_not_found",
        },
      });
    expect(await (await list()).json()).toEqual({ object: "list", data: [] });
    fake.listing.set(["only-this"]);
    expect((await chat("only-this")).status).toBe(200);
  });

  it("answers a failed listing with the status it was given, and generation still works", async () => {
    fake.listing.reset();
    fake.listing.fail(503);
    expect((await list()).status).toBe(503);
    expect((await chat(model)).status).toBe(200);
    fake.listing.reset();
    expect((await list()).status).toBe(200);
  });
});

describe("the Anthropic fake's model listing", () => {
  let fake: AnthropicFake;
  beforeAll(async () => {
    fake = await startAnthropicFake();
  });
  afterAll(() => fake.close());
  const headers = () => ({
    "x-api-key": fake.apiKey,
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
  });
  const message = (model: string) =>
    fetch(`${fake.baseUrl}/v1/messages`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ model, max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    });

  it("serves GET /v1/models in pages, as the real API does", async () => {
    fake.listing.reset();
    const first = (await (await fetch(`${fake.baseUrl}/v1/models?limit=2`, { headers: headers() })).json()) as {
      data: { id: string }[];
      has_more: boolean;
      last_id: string;
    };
    expect(first).toEqual({
      data: ANTHROPIC_MODELS.slice(0, 2).map((id) => ({
        type: "model",
        id,
        display_name: expect.stringMatching(/^Claude /),
        created_at: expect.any(String),
      })),
      has_more: true,
      first_id: ANTHROPIC_MODELS[0],
      last_id: ANTHROPIC_MODELS[1],
    });
    const rest = (await (
      await fetch(`${fake.baseUrl}/v1/models?limit=1000&after_id=${first.last_id}`, { headers: headers() })
    ).json()) as { data: { id: string }[]; has_more: boolean };
    expect(rest.data.map((m) => m.id)).toEqual(ANTHROPIC_MODELS.slice(2));
    expect(rest.has_more).toBe(false);
  });

  it("answers an unlisted model 404 not_found_error", async () => {
    fake.listing.reset();
    expect((await message("claude-sonnet-4-6")).status).toBe(200);
    fake.listing.set(["claude-opus-4-8"]);
    const gone = await message("claude-sonnet-4-6");
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({
      type: "error",
      error: { type: "not_found_error", message: "model: claude-sonnet-4-6" },
    });
    fake.listing.fail(500);
    expect((await fetch(`${fake.baseUrl}/v1/models`, { headers: headers() })).status).toBe(500);
    fake.listing.reset();
  });
});

describe("the Replicate fake's model lookup", () => {
  let fake: ReplicateFake;
  beforeAll(async () => {
    fake = await startReplicateFake({ token: "r8_x" });
  });
  afterAll(() => fake.close());
  const get = (id: string) => fetch(`${fake.baseUrl}/models/${id}`, { headers: { authorization: "Bearer r8_x" } });

  it("answers a known model with the model object and an unknown one 404", async () => {
    fake.listing.reset();
    const known = await get("google/veo-3.1");
    expect(known.status).toBe(200);
    expect(await known.json()).toMatchObject({
      owner: "google",
      name: "veo-3.1",
      latest_version: { id: expect.any(String) },
    });
    const unknown = await get("nobody/nothing");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "Not found.", status: 404 });
    fake.listing.set([]);
    expect((await get("google/veo-3.1")).status).toBe(404);
    const create = await fetch(`${fake.baseUrl}/models/google/veo-3.1/predictions`, {
      method: "POST",
      headers: { authorization: "Bearer r8_x", "content-type": "application/json" },
      body: JSON.stringify({ input: { prompt: "x" } }),
    });
    expect(create.status).toBe(404);
    fake.listing.fail(502);
    fake.listing.reset();
    expect((await get("google/veo-3.1")).status).toBe(200);
  });
});

describe("the ElevenLabs fake's model listing", () => {
  let fake: ElevenLabsFake;
  beforeAll(async () => {
    fake = await startElevenLabsFake();
  });
  afterAll(() => fake.close());

  it("serves an array of models and accepts only listed model_ids", async () => {
    fake.listing.reset();
    const listed = (await (
      await fetch(`${fake.baseUrl}/v1/models`, { headers: { "xi-api-key": "xi-test" } })
    ).json()) as {
      model_id: string;
      name: string;
    }[];
    expect(listed.map((m) => m.model_id)).toEqual(ELEVENLABS_MODELS);
    expect(listed[0]).toMatchObject({ model_id: expect.any(String), name: expect.any(String) });
    const speak = (model_id: string) =>
      fetch(`${fake.baseUrl}/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM`, {
        method: "POST",
        headers: { "xi-api-key": "xi-test", "content-type": "application/json" },
        body: JSON.stringify({ text: "hi", model_id }),
      });
    expect((await speak("eleven_v3")).status).toBe(200);
    fake.listing.set([]);
    expect((await speak("eleven_v3")).status).toBe(400);
    fake.listing.fail(500);
    expect((await fetch(`${fake.baseUrl}/v1/models`, { headers: { "xi-api-key": "xi-test" } })).status).toBe(500);
    fake.listing.reset();
  });
});
