/** The kinds of model the bot sells; each has its own menu category. */
export type ModelKind = "text" | "image" | "video" | "music" | "tts" | "stt" | "audio" | "tool";

/** Upstream services; each maps to one adapter and one `*_API_KEY` / `*_BASE_URL` pair. */
export type ProviderId =
  | "openai"
  | "anthropic"
  | "gemini"
  | "deepseek"
  | "xai"
  | "replicate"
  | "luma"
  | "elevenlabs"
  | "midjourney";

/** `starter`: usable on the free Starter plan; `basic`: needs Basic or a higher plan. */
export type Tier = "starter" | "basic";

/**
 * What an adapter is asked to do. Together with `provider` it picks the upstream endpoint,
 * e.g. openai+image → POST /images/generations, replicate+prediction → POST /models/{o}/{n}/predictions.
 */
export type Operation =
  | "chat"
  /** OpenAI's Responses API (POST /responses): the only one that serves the `*-pro` text models. */
  | "responses"
  | "image"
  | "video"
  | "speech"
  | "transcription"
  | "prediction"
  | "sound"
  | "music"
  | "voice-change"
  | "isolation"
  | "dubbing"
  | "dialogue"
  | "diffusion"
  | "video-diffusion";

export type ParamValue = string | number | boolean;

/** Where a model sends its request. Data, so a retired upstream is re-routed without code changes. */
export interface ProviderRoute {
  provider: ProviderId;
  /** Upstream model id or path: `gpt-5-nano`, `black-forest-labs/flux-1.1-pro`, `owner/name:versionhash`, `photon-flash-1`. */
  upstream: string;
  operation: Operation;
  /** Our parameter name → the upstream field it is sent as (when the names differ). */
  input?: Record<string, string>;
  /** Our parameter values → upstream values, per parameter (e.g. dall-e-3 `hd` → gpt-image `high`). */
  values?: Record<string, Record<string, ParamValue>>;
  /** Constant fields always sent upstream (e.g. `{ scale: 4 }`). */
  fixed?: Record<string, ParamValue>;
  /** Set when the upstream is gone and no replacement is configured: the model is shown as unavailable. */
  unavailable?: string;
  /**
   * Upstream ids tried in order when the provider's model listing does not list `upstream`;
   * the first one listed serves the product (see generation/model-health).
   */
  fallbacks?: readonly string[];
  /** Where `upstream` was confirmed current, and on what date, e.g. "platform.openai.com/docs/models, 2026-12-02". */
  source?: string;
  /** Extra JSON fields sent in every request body of this route (DeepSeek's `thinking`, an output cap). */
  body?: Readonly<Record<string, unknown>>;
}

/** A user-choosable parameter of a media model, offered as buttons on the model card. */
export interface ParamSpec {
  name: string;
  options: readonly ParamValue[];
  default: ParamValue;
}

/**
 * A price in tokens. `matrix`: the cost of every combination of `params` values,
 * keyed by the values joined with `|` in the order of `params` (e.g. `"1792x1024|hd"`).
 */
export type Pricing =
  | { type: "fixed"; cost: number }
  | { type: "matrix"; params: readonly string[]; table: Readonly<Record<string, number>> };

/** What the user has to send besides parameters. */
export type ModelInput =
  | "prompt"
  /** a prompt, optionally with a photo (image-to-image / image-to-video) */
  | "prompt+image?"
  | "image"
  | "image+prompt"
  /** two photos: the face, then the target (face-swap) */
  | "image+image"
  | "audio"
  /** voice, audio file or video note */
  | "speech";

export interface ModelSpec {
  slug: string;
  name: string;
  kind: ModelKind;
  /** The brand shown to the user (may differ from the route's provider). */
  vendor: string;
  tier: Tier;
  route: ProviderRoute;
  params: readonly ParamSpec[];
  pricing: Pricing;
  input: ModelInput;
  /** Older slugs that resolve to this model. */
  aliases?: readonly string[];
  /** Fixed parameter values implied by an alias (e.g. `midjourney-turbo` → `{ speed: "turbo" }`). */
  aliasParams?: Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;
  /** How long a job may run before it fails and its hold is released. */
  deadlineSeconds: number;
  /**
   * The longest recording a flat-priced audio model takes (shown on its card): a longer one would
   * cost upstream more than the price covers, so it is refused before anything is held.
   */
  maxInputSeconds?: number;
  /** A text model that reads pictures sent with the prompt (vision). */
  vision?: boolean;
}

/** The seed's `calculate-price` answer. */
export interface PriceQuote {
  token_cost: number;
  min_token_cost: number;
  max_token_cost: number;
  pricing_type: "fixed" | "matrix";
}

export type PlanId = "starter" | "basic" | "pro" | "vip" | "elite";

export interface PlanSpec {
  id: PlanId;
  name: string;
  /** Tokens credited at the start of each cycle (Starter: once, at sign-up). */
  monthlyTokens: number;
  priceRub: number;
  /** `null` = unlimited. */
  perHour: number | null;
  perDay: number | null;
  /** Starter unlocks only `starter`-tier models; any paid plan unlocks all. */
  unlocksAllModels: boolean;
}

export interface PackageSpec {
  id: string;
  name: string;
  tokens: number;
  priceRub: number;
}
