import type { ModelSpec, Operation, ProviderId } from "../types.js";
import { fixedPrice } from "./define.js";

const TEXT_DEADLINE_SECONDS = 120;
/** Responses-API models think for minutes; they run as background jobs, polled until this runs out. */
const THINKING_DEADLINE_SECONDS = 15 * 60;

interface TextModel {
  slug: string;
  name: string;
  vendor: string;
  provider: ProviderId;
  upstream: string;
  cost: number;
  /** `responses` for the models OpenAI serves only through its Responses API; default `chat`. */
  operation?: Extract<Operation, "chat" | "responses">;
}

function text(model: TextModel): ModelSpec {
  return {
    slug: model.slug,
    name: model.name,
    kind: "text",
    vendor: model.vendor,
    // The Starter plan gets exactly the text models that cost one token.
    tier: model.cost === 1 ? "starter" : "basic",
    route: { provider: model.provider, upstream: model.upstream, operation: model.operation ?? "chat" },
    params: [],
    pricing: fixedPrice(model.cost),
    input: "prompt",
    deadlineSeconds: model.operation === "responses" ? THINKING_DEADLINE_SECONDS : TEXT_DEADLINE_SECONDS,
  };
}

/** The 12 chat models. Anthropic ids are the API's undated aliases, which follow the latest snapshot. */
export const textModels: readonly ModelSpec[] = [
  text({
    slug: "gpt-5-nano",
    name: "GPT-5 nano",
    vendor: "OpenAI",
    provider: "openai",
    upstream: "gpt-5-nano",
    cost: 1,
  }),
  text({
    slug: "claude-haiku-4.5",
    name: "Claude Haiku 4.5",
    vendor: "Anthropic",
    provider: "anthropic",
    upstream: "claude-haiku-4-5",
    cost: 1,
  }),
  text({
    slug: "gemini-2.5-flash",
    name: "Gemini 2.5 Flash",
    vendor: "Google",
    provider: "gemini",
    upstream: "gemini-2.5-flash",
    cost: 1,
  }),
  text({
    slug: "deepseek-v3",
    name: "DeepSeek V3",
    vendor: "DeepSeek",
    provider: "deepseek",
    upstream: "deepseek-chat",
    cost: 1,
  }),
  text({
    slug: "grok-4-fast",
    name: "Grok 4 Fast",
    vendor: "xAI",
    provider: "xai",
    upstream: "grok-4-fast-non-reasoning",
    cost: 1,
  }),
  text({ slug: "gpt-5", name: "GPT-5", vendor: "OpenAI", provider: "openai", upstream: "gpt-5", cost: 2 }),
  text({
    slug: "deepseek-r1",
    name: "DeepSeek R1",
    vendor: "DeepSeek",
    provider: "deepseek",
    upstream: "deepseek-reasoner",
    cost: 1,
  }),
  text({ slug: "gpt-5.2", name: "GPT-5.2", vendor: "OpenAI", provider: "openai", upstream: "gpt-5.2", cost: 4 }),
  text({
    slug: "claude-sonnet-4.5",
    name: "Claude Sonnet 4.5",
    vendor: "Anthropic",
    provider: "anthropic",
    upstream: "claude-sonnet-4-5",
    cost: 4,
  }),
  text({
    slug: "gemini-3-pro",
    name: "Gemini 3 Pro",
    vendor: "Google",
    provider: "gemini",
    upstream: "gemini-3-pro-preview",
    cost: 3,
  }),
  text({
    slug: "claude-opus-4.5",
    name: "Claude Opus 4.5",
    vendor: "Anthropic",
    provider: "anthropic",
    upstream: "claude-opus-4-5",
    cost: 6,
  }),
  text({
    slug: "gpt-5.2-pro",
    name: "GPT-5.2 Pro",
    vendor: "OpenAI",
    provider: "openai",
    upstream: "gpt-5.2-pro",
    cost: 39,
    operation: "responses",
  }),
];
