import type { ProviderId } from "../catalog/types.js";
import { createAnthropicChatProvider } from "./anthropic-chat.js";
import { createMediaProviders } from "./media-providers.js";
import { createOpenAiChatProvider } from "./openai-chat.js";
import { createOpenAiResponsesProvider } from "./openai-responses.js";
import { createOpenAiResponsesJobs } from "./openai-responses-background.js";
import type { ChatJobs, ChatProvider, ProviderSettingsMap, Providers } from "./types.js";

const OPENAI_COMPATIBLE: readonly ProviderId[] = ["openai", "deepseek", "xai", "gemini"];

export interface RegistryOptions {
  /** Time a text request may take before it fails (the model's deadline bounds it too). */
  chatTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** One adapter per configured upstream; a provider without an API key is simply absent. */
export function createProviders(settings: ProviderSettingsMap, options: RegistryOptions = {}): Providers {
  const chat = new Map<ProviderId, ChatProvider>();
  for (const provider of OPENAI_COMPATIBLE) {
    const { apiKey, baseUrl } = settings[provider];
    if (!apiKey) continue;
    const common = { apiKey, baseUrl, timeoutMs: options.chatTimeoutMs, sleep: options.sleep };
    const completions = createOpenAiChatProvider({ provider, ...common });
    chat.set(
      provider,
      provider === "openai"
        ? byOperation(completions, createOpenAiResponsesProvider(common), createOpenAiResponsesJobs(common))
        : completions,
    );
  }
  const anthropic = settings.anthropic;
  if (anthropic.apiKey) {
    chat.set(
      "anthropic",
      createAnthropicChatProvider({
        apiKey: anthropic.apiKey,
        baseUrl: anthropic.baseUrl,
        timeoutMs: options.chatTimeoutMs,
        sleep: options.sleep,
      }),
    );
  }
  const media = createMediaProviders(settings, { sleep: options.sleep });
  return {
    configured: (id) => Boolean(settings[id].apiKey),
    chat: (id) => chat.get(id),
    media: (id) => media[id],
  };
}

/**
 * Sends `responses` routes (OpenAI's `*-pro` models) to the Responses API, every other route to Chat
 * Completions; `responses` routes run as background jobs.
 */
function byOperation(completions: ChatProvider, responses: ChatProvider, background: ChatJobs): ChatProvider {
  return {
    chat: (request) => (request.route.operation === "responses" ? responses : completions).chat(request),
    // Long-thinking models run in background mode: a restart resumes polling instead of losing the answer.
    jobsFor: (route) => (route.operation === "responses" ? background : undefined),
  };
}
