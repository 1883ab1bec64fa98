import type { ProviderId } from "../catalog/types.js";
import { createElevenLabsProvider } from "./elevenlabs.js";
import { createLumaProvider } from "./luma.js";
import type { MediaAdapterConfig } from "./media-support.js";
import { createMidjourneyProvider } from "./midjourney.js";
import { createOpenAiMediaProvider } from "./openai-media.js";
import { createReplicateProvider } from "./replicate.js";
import type { MediaProvider, ProviderSettingsMap } from "./types.js";

export interface MediaProvidersOptions {
  /** Injected so tests don't wait for real back-off. */
  sleep?: (ms: number) => Promise<void>;
  /** Per-request timeout (headers and between body chunks); default 5 minutes. */
  timeoutMs?: number;
  maxRetries?: number;
}

const FACTORIES: Partial<Record<ProviderId, (config: MediaAdapterConfig) => MediaProvider>> = {
  openai: createOpenAiMediaProvider,
  replicate: createReplicateProvider,
  luma: createLumaProvider,
  elevenlabs: createElevenLabsProvider,
  midjourney: createMidjourneyProvider,
};

/** One media adapter per provider that has an API key; a provider without one is simply absent. */
export function createMediaProviders(
  settings: ProviderSettingsMap,
  opts: MediaProvidersOptions = {},
): Partial<Record<ProviderId, MediaProvider>> {
  const providers: Partial<Record<ProviderId, MediaProvider>> = {};
  for (const [id, factory] of Object.entries(FACTORIES) as [ProviderId, (c: MediaAdapterConfig) => MediaProvider][]) {
    const setting = settings[id] as ProviderSettingsMap[ProviderId] | undefined;
    if (!setting?.apiKey) continue;
    providers[id] = factory({ apiKey: setting.apiKey, baseUrl: setting.baseUrl, ...opts });
  }
  return providers;
}
