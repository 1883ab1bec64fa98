import { describe, expect, it } from "vitest";
import type { ProviderId } from "../../../src/catalog/types.js";
import { createMediaProviders } from "../../../src/providers/media-providers.js";
import type { ProviderSettingsMap } from "../../../src/providers/types.js";
import { startReplicateFake } from "../../support/fakes/replicate-fake.js";

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
const settings = (keys: Partial<Record<ProviderId, string>>, base = "http://127.0.0.1:9"): ProviderSettingsMap =>
  Object.fromEntries(ids.map((id) => [id, { apiKey: keys[id], baseUrl: base }])) as ProviderSettingsMap;

describe("createMediaProviders", () => {
  it("creates media adapters only for providers with a key", () => {
    const providers = createMediaProviders(settings({ openai: "sk", luma: "l", anthropic: "a" }));
    expect(Object.keys(providers).sort()).toEqual(["luma", "openai"]);
    expect(Object.keys(createMediaProviders(settings({})))).toEqual([]);
    const all = createMediaProviders(
      settings({ openai: "1", replicate: "2", luma: "3", elevenlabs: "4", midjourney: "5" }),
    );
    expect(Object.keys(all).sort()).toEqual(["elevenlabs", "luma", "midjourney", "openai", "replicate"]);
    expect(typeof all.replicate?.cancel).toBe("function");
    expect(typeof all.openai?.download).toBe("function");
  });

  it("wires the configured base URL and key", async () => {
    const fake = await startReplicateFake({ token: "r8_wired" });
    try {
      const providers = createMediaProviders(settings({ replicate: "r8_wired" }, fake.baseUrl), {
        sleep: async () => {},
      });
      const route = {
        provider: "replicate" as const,
        operation: "prediction" as const,
        upstream: "black-forest-labs/flux-1.1-pro",
        fixed: { _wait: 60 },
      };
      expect((await providers.replicate?.submit({ route, prompt: "x", params: {} }))?.status).toBe("done");
    } finally {
      await fake.close();
    }
  });
});
