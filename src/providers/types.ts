import type { ParamValue, ProviderId, ProviderRoute } from "../catalog/types.js";

/** A picture a user turn carries (vision-capable models only), as base64. */
export interface ChatImage {
  mime: string;
  data: string;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
  /** Pictures sent with this turn; each adapter writes them in its API's content-part format. */
  images?: readonly ChatImage[];
}

export interface ChatRequest {
  route: ProviderRoute;
  messages: ChatMessage[];
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called with the whole text so far each time a streamed delta arrives. */
  onText?: (textSoFar: string) => void;
}

export interface ChatResult {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
}

/**
 * A text answer run as an upstream job: started, then polled until done, so it survives a restart
 * (OpenAI's Responses API in background mode). `done` outputs hold one text output.
 */
export interface ChatJobs {
  start(request: ChatRequest): Promise<SubmitResult>;
  poll(route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult>;
  cancel(route: ProviderRoute, jobId: string): Promise<void>;
}

/** A text model upstream (OpenAI-compatible chat or Anthropic messages). */
export interface ChatProvider {
  chat(request: ChatRequest): Promise<ChatResult>;
  /** How this route's answers run as jobs, when they do (long-thinking models); otherwise `chat` streams them. */
  jobsFor?(route: ProviderRoute): ChatJobs | undefined;
}

/**
 * A file the user sent, read as a stream when an upstream takes it: never held whole in memory
 * (a voice or a video can be hundreds of megabytes through a self-hosted Bot API server).
 */
export interface InputFile {
  filename: string;
  mime: string;
  /** Its length in bytes, when known: an upload then declares its length. */
  size?: number;
  /** Opens the content; each call starts over, so a retried upload reads it again. */
  open(): Promise<AsyncIterable<Uint8Array>>;
  /**
   * A public URL the upstream can fetch itself, when one exists. Never a Telegram file URL: that
   * carries the bot token, which must not leave the process.
   */
  url?: string;
}

export interface MediaRequest {
  route: ProviderRoute;
  prompt?: string;
  params: Record<string, ParamValue>;
  file?: InputFile;
  /** A second input (face-swap: the target photo), placed in the field the route's `input.file2` names. */
  file2?: InputFile;
  /** A Midjourney action on one image of an earlier grid (LegNext `/upscale` or `/variation`). */
  followUp?: { action: "upscale" | "variation"; jobId: string; imageNo: number };
  signal?: AbortSignal;
  /**
   * The same for every send of one job (`job-<id>`): an upstream that takes an idempotency key gets
   * it, so a job sent again after a crash is not run (and paid) twice there.
   */
  idempotencyKey?: string;
}

/** One result of a generation. */
export type MediaOutput =
  | { type: "url"; url: string; mime?: string }
  | { type: "bytes"; data: Buffer; mime: string; filename: string }
  /** `partial`: the answer as far as it got before the user stopped it. */
  | { type: "text"; text: string; partial?: true };

export type SubmitResult =
  | { status: "done"; outputs: MediaOutput[] }
  | { status: "pending"; jobId: string; progress?: number };

export type PollResult =
  /** `jobId`: the upstream moved on to a follow-up job (Midjourney: image, then video), to be polled from now on. */
  | { status: "pending"; progress?: number; jobId?: string }
  | { status: "done"; outputs: MediaOutput[] }
  | { status: "failed"; reason?: string; moderation?: boolean };

/**
 * A media upstream. `submit` either finishes at once (sync APIs: speech, OpenAI images,
 * Replicate with `Prefer: wait`) or returns a job id that `poll` follows until done or failed.
 */
export interface MediaProvider {
  submit(request: MediaRequest): Promise<SubmitResult>;
  poll(route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult>;
  cancel?(route: ProviderRoute, jobId: string): Promise<void>;
  /** Fetches an output URL that needs this provider's credentials (e.g. OpenAI video content). */
  download?(route: ProviderRoute, output: MediaOutput & { type: "url" }): Promise<Response | null>;
}

export interface ProviderSettings {
  apiKey?: string;
  baseUrl: string;
}

export type ProviderSettingsMap = Record<ProviderId, ProviderSettings>;

/** The configured upstreams: a provider without an API key is absent. */
export interface Providers {
  configured(id: ProviderId): boolean;
  chat(id: ProviderId): ChatProvider | undefined;
  media(id: ProviderId): MediaProvider | undefined;
}
