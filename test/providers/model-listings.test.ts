import { afterEach, describe, expect, it } from "vitest";
import type { ProviderId, ProviderRoute } from "../../src/catalog/types.js";
import { ProviderError } from "../../src/providers/errors.js";
import { createModelListings } from "../../src/providers/model-listings.js";
import type { ProviderSettingsMap } from "../../src/providers/types.js";
import { type FakeRoute, type FakeServer, match, sendJson, startFakeServer } from "../support/fakes/fake-server.js";

const ids: ProviderId[] = [
  "openai",
  "anthropic",
  "gemini",
  "deepseek",
  "xai",
  "replicate",
  "luma",
  "elevenlabs",
  "midjourney",
];
const settings = (keys: Partial<Record<ProviderId, string>>, base: string): ProviderSettingsMap =>
  Object.fromEntries(ids.map((id) => [id, { apiKey: keys[id], baseUrl: base }])) as ProviderSettingsMap;
const noSleep = { sleep: async () => {} };

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...routes: FakeRoute[]): Promise<string> {
  server = await startFakeServer(routes);
  return server.url;
}

describe("createModelListings", () => {
  it("has a listing only for configured providers that publish one (never Luma or LegNext)", () => {
    const all = createModelListings(
      settings(Object.fromEntries(ids.map((id) => [id, "key"])) as Record<ProviderId, string>, "http://127.0.0.1:9"),
    );
    expect(Object.keys(all).sort()).toEqual([
      "anthropic",
      "deepseek",
      "elevenlabs",
      "gemini",
      "openai",
      "replicate",
      "xai",
    ]);
    expect(Object.keys(createModelListings(settings({ openai: "k" }, "http://127.0.0.1:9")))).toEqual(["openai"]);
  });

  it("OpenAI-compatible: GET {BASE}/models with the key; Gemini's `models/` prefix is dropped", async () => {
    const base = await serve((req, res) => {
      if (!match(req, "GET", "/v1/models")) return false;
      if (req.headers.authorization !== "Bearer sk-1") return void sendJson(res, 401, { error: { message: "no" } });
      sendJson(res, 200, {
        object: "list",
        data: [
          { id: "gpt-5-nano", object: "model", created: 1, owned_by: "system" },
          { id: "models/gemini-3-flash", object: "model", created: 1, owned_by: "google" },
        ],
      });
    });
    const listings = createModelListings(settings({ openai: "sk-1", gemini: "sk-1" }, `${base}/v1`), noSleep);
    expect([...(await listings.openai!.listed(["gpt-5-nano", "gpt-5"]))]).toEqual(["gpt-5-nano"]);
    expect([...(await listings.gemini!.listed(["gemini-3-flash"]))]).toEqual(["gemini-3-flash"]);
  });

  it("a 5xx or a wrong shape is a failed check (it throws), not an empty listing", async () => {
    let answer: "500" | "shape" = "500";
    const base = await serve((_req, res) => {
      if (answer === "500") return void sendJson(res, 500, { error: { message: "boom", type: "server_error" } });
      sendJson(res, 200, { object: "list", items: [] });
    });
    const listing = createModelListings(settings({ xai: "k" }, base), noSleep).xai!;
    await expect(listing.listed(["grok-4"])).rejects.toBeInstanceOf(ProviderError);
    answer = "shape";
    await expect(listing.listed(["grok-4"])).rejects.toThrow(/unexpected shape/);
  });

  it("Anthropic: pages with after_id until has_more is false, with its own headers", async () => {
    const pages: Record<string, unknown> = {
      "": {
        data: [{ id: "claude-haiku-4-5", type: "model" }],
        has_more: true,
        first_id: "a",
        last_id: "claude-haiku-4-5",
      },
      "claude-haiku-4-5": {
        data: [{ id: "claude-opus-4-6", type: "model" }],
        has_more: false,
        last_id: "claude-opus-4-6",
      },
    };
    const base = await serve((req, res) => {
      if (!match(req, "GET", "/v1/models")) return false;
      if (req.headers["x-api-key"] !== "ak" || req.headers["anthropic-version"] !== "2023-06-01") {
        return void sendJson(res, 401, { type: "error", error: { type: "authentication_error", message: "x" } });
      }
      sendJson(res, 200, pages[req.query.get("after_id") ?? ""]);
    });
    const listing = createModelListings(settings({ anthropic: "ak" }, base), noSleep).anthropic!;
    const listed = await listing.listed(["claude-opus-4-6", "claude-haiku-4-5", "claude-sonnet-4-5"]);
    expect([...listed].sort()).toEqual(["claude-haiku-4-5", "claude-opus-4-6"]);
    expect(server!.requests.map((r) => r.query.get("after_id"))).toEqual([null, "claude-haiku-4-5"]);
  });

  it("Replicate: asks for each model (a pinned version by its model); 404 is missing, a 500 fails the check", async () => {
    const known = new Set(["/v1/models/black-forest-labs/flux-1.1-pro", "/v1/models/meta/musicgen"]);
    let broken = false;
    const base = await serve((req, res) => {
      if (broken) return void sendJson(res, 500, { detail: "Internal server error", status: 500 });
      if (known.has(req.path)) return void sendJson(res, 200, { owner: "x", name: "y" });
      sendJson(res, 404, { detail: "Not found.", status: 404 });
    });
    const listing = createModelListings(settings({ replicate: "r8" }, `${base}/v1`), noSleep).replicate!;
    const listed = await listing.listed(["black-forest-labs/flux-1.1-pro", "meta/musicgen:abc", "openai/sora-2"]);
    expect([...listed].sort()).toEqual(["black-forest-labs/flux-1.1-pro", "meta/musicgen:abc"]);
    broken = true;
    await expect(listing.listed(["openai/sora-2"])).rejects.toBeInstanceOf(ProviderError);
  });

  it("ElevenLabs: GET /v1/models; it speaks only for routes that name a voice model", async () => {
    const base = await serve((req, res) => {
      if (!match(req, "GET", "/v1/models")) return false;
      if (req.headers["xi-api-key"] !== "xi") return void sendJson(res, 401, { detail: { status: "invalid_api_key" } });
      sendJson(res, 200, [{ model_id: "eleven_multilingual_v2", name: "Multilingual v2" }]);
    });
    const listing = createModelListings(settings({ elevenlabs: "xi" }, base), noSleep).elevenlabs!;
    expect([...(await listing.listed(["eleven_multilingual_v2", "eleven_v3"]))]).toEqual(["eleven_multilingual_v2"]);
    const route = (operation: ProviderRoute["operation"]): ProviderRoute => ({
      provider: "elevenlabs",
      upstream: "x",
      operation,
    });
    expect(listing.covers(route("speech"))).toBe(true);
    expect(listing.covers(route("music"))).toBe(false);
    expect(listing.covers(route("isolation"))).toBe(false);
  });
});
