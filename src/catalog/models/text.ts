import type { ModelSpec, Operation, ProviderId } from "../types.js";
import { fixedPrice } from "./define.js";

const TEXT_DEADLINE_SECONDS = 120;
/** Responses-API models think for minutes; they run as background jobs, polled until this runs out. */
const THINKING_DEADLINE_SECONDS = 15 * 60;

/** Tokens a text answer may use (reasoning included); a request sets its own cap over this. */
const DEFAULT_OUTPUT_CAP = 8192;

interface TextModel {
  slug: string;
  name: string;
  vendor: string;
  provider: ProviderId;
  upstream: string;
  cost: number;
  /** `responses` for the models OpenAI serves only through its Responses API; default `chat`. */
  operation?: Extract<Operation, "chat" | "responses">;
  /** Next upstream ids, tried in order when the provider stops listing `upstream`. */
  fallbacks?: readonly string[];
  /** Which page says `upstream` is current, and when it was read. */
  source: string;
  /** Extra request fields (DeepSeek's thinking switch); the output cap is added here. */
  body?: Readonly<Record<string, unknown>>;
  /** Output cap in tokens; default `DEFAULT_OUTPUT_CAP`. */
  outputCap?: number;
  /** Reads pictures sent with the prompt, as its provider documents (GPT-5.x, Claude, Gemini). */
  vision?: boolean;
}

/** The field each API names its output cap with. */
function outputCapField(provider: ProviderId, operation: Operation): string {
  if (operation === "responses") return "max_output_tokens";
  // OpenAI's Chat Completions deprecated `max_tokens` (reasoning models reject it); the others take only `max_tokens`.
  return provider === "openai" ? "max_completion_tokens" : "max_tokens";
}

function text(model: TextModel): ModelSpec {
  return {
    slug: model.slug,
    name: model.name,
    kind: "text",
    vendor: model.vendor,
    // The Starter plan gets exactly the text models that cost one token.
    tier: model.cost === 1 ? "starter" : "basic",
    route: {
      provider: model.provider,
      upstream: model.upstream,
      operation: model.operation ?? "chat",
      ...(model.fallbacks ? { fallbacks: model.fallbacks } : {}),
      source: model.source,
      body: {
        ...model.body,
        [outputCapField(model.provider, model.operation ?? "chat")]: model.outputCap ?? DEFAULT_OUTPUT_CAP,
      },
    },
    params: [],
    pricing: fixedPrice(model.cost),
    input: "prompt",
    ...(model.vision ? { vision: true } : {}),
    deadlineSeconds: model.operation === "responses" ? THINKING_DEADLINE_SECONDS : TEXT_DEADLINE_SECONDS,
  };
}

const OPENAI_DEPRECATIONS = "developers.openai.com/api/docs/deprecations (read 2026-12-02)";
const ANTHROPIC_DEPRECATIONS = "platform.claude.com/docs/en/about-claude/model-deprecations (read 2026-12-02)";
const GEMINI_DEPRECATIONS = "ai.google.dev/gemini-api/docs/deprecations (read 2026-12-02)";
const DEEPSEEK_PRICING = "api-docs.deepseek.com/quick_start/pricing (read 2026-12-02)";

/**
 * The 12 chat models. Each keeps its slug, name and price; `upstream` is the provider's current
 * successor of the model the product was named for, as its deprecation page names it.
 */
export const textModels: readonly ModelSpec[] = [
  text({
    slug: "gpt-5-nano",
    name: "GPT-5 nano",
    vendor: "OpenAI",
    provider: "openai",
    vision: true,
    // gpt-5-nano shuts down 2026-12-11; OpenAI names gpt-6-luna its replacement.
    upstream: "gpt-6-luna",
    fallbacks: ["gpt-5.6-luna"],
    source: OPENAI_DEPRECATIONS,
    cost: 1,
  }),
  text({
    slug: "claude-haiku-4.5",
    name: "Claude Haiku 4.5",
    vendor: "Anthropic",
    provider: "anthropic",
    vision: true,
    upstream: "claude-haiku-4-5",
    source: `${ANTHROPIC_DEPRECATIONS}: active`,
    cost: 1,
  }),
  text({
    slug: "gemini-2.5-flash",
    name: "Gemini 2.5 Flash",
    vendor: "Google",
    provider: "gemini",
    vision: true,
    // gemini-2.5-flash shut down 2026-12-01; Google names gemini-3.5-flash-lite its replacement.
    upstream: "gemini-3.5-flash-lite",
    fallbacks: ["gemini-3.5-flash"],
    source: GEMINI_DEPRECATIONS,
    cost: 1,
  }),
  text({
    slug: "deepseek-v3",
    name: "DeepSeek V3",
    vendor: "DeepSeek",
    provider: "deepseek",
    // deepseek-chat retired 2026-07-24. DeepSeek's current model thinks by default; this product does not.
    upstream: "deepseek-flash",
    fallbacks: ["deepseek-v4-pro"],
    source: DEEPSEEK_PRICING,
    body: { thinking: { type: "disabled" } },
    cost: 1,
  }),
  text({
    slug: "grok-4-fast",
    name: "Grok 4 Fast",
    vendor: "xAI",
    provider: "xai",
    // grok-4-fast-non-reasoning retired 2026-05-15; xAI recommends grok-4.20-non-reasoning for non-reasoning work.
    upstream: "grok-4.20-non-reasoning",
    fallbacks: ["grok-4.3"],
    source: "docs.x.ai/developers/migration/may-15-retirement (read 2026-12-02)",
    cost: 1,
  }),
  text({
    slug: "gpt-5",
    name: "GPT-5",
    vendor: "OpenAI",
    provider: "openai",
    vision: true,
    // gpt-5 shuts down 2026-12-11; OpenAI names gpt-6.1-sol its replacement.
    upstream: "gpt-6.1-sol",
    fallbacks: ["gpt-6-sol", "gpt-5.6-sol"],
    source: OPENAI_DEPRECATIONS,
    cost: 2,
  }),
  text({
    slug: "deepseek-r1",
    name: "DeepSeek R1",
    vendor: "DeepSeek",
    provider: "deepseek",
    // deepseek-reasoner retired 2026-07-24: thinking is now a request parameter of the current model.
    upstream: "deepseek-flash",
    fallbacks: ["deepseek-v4-pro"],
    source: DEEPSEEK_PRICING,
    body: { thinking: { type: "enabled" } },
    // The reasoning counts against the cap.
    outputCap: 32_768,
    cost: 1,
  }),
  text({
    slug: "gpt-5.2",
    name: "GPT-5.2",
    vendor: "OpenAI",
    provider: "openai",
    vision: true,
    upstream: "gpt-5.2",
    source: `${OPENAI_DEPRECATIONS}: no shutdown announced`,
    cost: 4,
  }),
  text({
    slug: "claude-sonnet-4.5",
    name: "Claude Sonnet 4.5",
    vendor: "Anthropic",
    provider: "anthropic",
    vision: true,
    // claude-sonnet-4-5 retired 2026-11-30.
    upstream: "claude-sonnet-4-6",
    fallbacks: ["claude-sonnet-5-5"],
    source: ANTHROPIC_DEPRECATIONS,
    cost: 4,
  }),
  text({
    slug: "gemini-3-pro",
    name: "Gemini 3 Pro",
    vendor: "Google",
    provider: "gemini",
    vision: true,
    // gemini-3-pro-preview shut down 2026-03-09; Google names gemini-3.1-pro-preview its replacement.
    upstream: "gemini-3.1-pro-preview",
    fallbacks: ["gemini-3.8-flash"],
    source: GEMINI_DEPRECATIONS,
    cost: 3,
  }),
  text({
    slug: "claude-opus-4.5",
    name: "Claude Opus 4.5",
    vendor: "Anthropic",
    provider: "anthropic",
    vision: true,
    // claude-opus-4-5 retires around 2027-01-22; Anthropic names claude-opus-5-5 its replacement.
    upstream: "claude-opus-5-5",
    fallbacks: ["claude-opus-4-8"],
    source: ANTHROPIC_DEPRECATIONS,
    cost: 6,
  }),
  text({
    slug: "gpt-5.2-pro",
    name: "GPT-5.2 Pro",
    vendor: "OpenAI",
    provider: "openai",
    vision: true,
    upstream: "gpt-5.2-pro",
    source: `${OPENAI_DEPRECATIONS}: no shutdown announced`,
    cost: 39,
    operation: "responses",
    outputCap: 32_768,
  }),
];
