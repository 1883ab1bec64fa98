import type { ModelSpec, ParamValue, ProviderId } from "../catalog/types.js";
import { ProviderError, type ProviderFailureKind } from "../providers/errors.js";
import type { ChatMessage, InputFile, MediaOutput } from "../providers/types.js";
import type { GenerationRow, RequestRef } from "../storage/generations-repository.js";
import { DocumentTooLong, DocumentUnreadable } from "./document-text.js";

/** A file the user sent, as Telegram knows it; fetched only when the job runs. */
export interface InputRef {
  fileId: string;
  kind: "photo" | "voice" | "audio" | "video_note" | "document" | "video";
  mime?: string;
  fileName?: string;
  size?: number;
  duration?: number;
}

/** Job parameter naming the speech-to-text model that turns a voice message into a text model's prompt. */
export const TRANSCRIBE_WITH = "_transcribe_with";
/** Job parameter of a Midjourney follow-up: `upscale:<upstream job id>:<image 0–3>` (or `variation:…`). */
export const FOLLOW_UP = "_follow_up";
/** Job parameter of a text job that builds on an earlier answer: `regenerate:<job id>` or `continue:<job id>`. */
export const CONTEXT_OF = "_context_of";

/** Job parameter holding an API chat request's own conversation (instead of the bot's history). */
export const CHAT_MESSAGES = "_messages";

const BOOKKEEPING = [TRANSCRIBE_WITH, FOLLOW_UP, CONTEXT_OF, CHAT_MESSAGES];

/** Which front started a job; each has its own `JobOutput`. */
export type JobOrigin = "telegram" | "api";

/** A job's parameters as the upstream gets them: without the job's own bookkeeping fields. */
export function upstreamParams(job: GenerationRow): Record<string, ParamValue> {
  const params = JSON.parse(job.params) as Record<string, ParamValue>;
  for (const key of BOOKKEEPING) delete params[key];
  return params;
}

/** An action on one image of a Midjourney grid, run by LegNext on the upstream job that made it. */
export interface FollowUp {
  action: "upscale" | "variation";
  /** The upstream (LegNext) job id of the grid. */
  jobId: string;
  /** Which image of the grid, 0–3. */
  imageNo: number;
}

/** How a text job relates to an earlier answer: asked again, or continued from. */
export interface ContextOf {
  mode: "regenerate" | "continue";
  jobId: number;
}

export function followUpOf(job: GenerationRow): FollowUp | undefined {
  const value = (JSON.parse(job.params) as Record<string, unknown>)[FOLLOW_UP];
  const match = typeof value === "string" ? /^(upscale|variation):(.+):([0-3])$/.exec(value) : null;
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { action: match[1] as FollowUp["action"], jobId: match[2], imageNo: Number(match[3]) };
}

export function contextOf(job: GenerationRow): ContextOf | undefined {
  const value = (JSON.parse(job.params) as Record<string, unknown>)[CONTEXT_OF];
  const match = typeof value === "string" ? /^(regenerate|continue):(\d+)$/.exec(value) : null;
  if (!match?.[1] || !match[2]) return undefined;
  return { mode: match[1] as ContextOf["mode"], jobId: Number(match[2]) };
}

export interface QuoteRequest {
  userId: number;
  chatId: number;
  model: ModelSpec;
  params: Record<string, ParamValue>;
  prompt: string | null;
  inputs?: InputRef[];
  /** For a voice message to a text model: the speech-to-text model, whose price is added to the quote. */
  transcribeWith?: ModelSpec;
  /** A Midjourney U/V action on an earlier grid: priced by `followUpPrice`, run on that upstream job. */
  followUp?: FollowUp;
  /** A text request that regenerates or continues an earlier answer (its turn is the context). */
  context?: ContextOf;
  /** The message that asked (chat id + message id): its redelivery finds this job instead of making another. */
  request?: RequestRef;
  /** Default `telegram`. */
  origin?: JobOrigin;
  apiKeyId?: number;
  /** A client's key for "run once": a second quote with it returns the first job instead. */
  idempotencyKey?: string;
  /** A text model's whole conversation as the client sent it (API chat): used instead of the bot's history. */
  messages?: ChatMessage[];
  /** Asked in a group: the prompt message the answer replies to, and its forum topic. */
  replyTo?: number;
  threadId?: number;
  /** Asked as a guest: the query the answer goes to. */
  guestQueryId?: string;
}

/** Why a job ended without a result; the bot words it for the user. */
export interface Failure {
  /** `failed`: the upstream ran the job and it ended failed (its own words in `reason`). */
  kind:
    | ProviderFailureKind
    | "failed"
    | "cancelled"
    | "stopped"
    | "deadline"
    | "undeliverable"
    | "interrupted"
    | "internal"
    /** A document sent to a text model: longer than its stated limit, or not readable as its format. */
    | "document_too_long"
    | "document_unreadable";
  /** The upstream's own words: for the log and for finding a moderation category, never shown as is. */
  reason?: string;
  /** The upstream that failed, when one did (an auth or quota failure alerts the admins about it). */
  provider?: ProviderId;
}

/**
 * The abort reason of a Stop pressed under a streaming answer: unlike a cancel, the text that
 * arrived so far is kept (and charged) as the answer.
 */
export class StoppedByUser extends Error {
  override readonly name = "StoppedByUser";
  constructor() {
    super("the user stopped the answer");
  }
}

/** Why a step threw, for the user: a cancel or stop, the upstream's own failure, or something of ours. */
export function toFailure(error: unknown, cancel: AbortSignal): Failure {
  if (cancel.aborted) return { kind: cancel.reason instanceof StoppedByUser ? "stopped" : "cancelled" };
  if (error instanceof ProviderError) return { kind: error.kind, reason: error.reason, provider: error.provider };
  if (error instanceof DocumentTooLong) return { kind: "document_too_long" };
  if (error instanceof DocumentUnreadable) return { kind: "document_unreadable" };
  return { kind: "internal" };
}

export interface Receipt {
  price: number;
  balance: number;
}

/** A result ready to send: bytes in hand, or a stream with its size when known. */
export interface OpenedOutput {
  output: MediaOutput;
  mime: string;
  filename: string;
  size?: number;
  /** Starts a download of the content (may be called again for a second attempt). */
  open?: () => Promise<{ stream: NodeJS.ReadableStream; size?: number; mime?: string }>;
}

/** The messages of one result that reached the chat, so that a delivery tried again sends only the rest. */
export interface DeliveryParts {
  /** Parts that an earlier attempt delivered: skipped. */
  done: number;
  /** Records that the parts up to `count` are in the chat (called after each one), with the message id sent. */
  sent(count: number, messageId?: number): Promise<void>;
}

/**
 * Thrown by `JobOutput.deliver` when the result could not be sent now. `permanent`: it never will
 * be (the bot was blocked, the chat is gone); otherwise the delivery is tried again later.
 */
export class DeliveryFailed extends Error {
  override readonly name = "DeliveryFailed";
  constructor(
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(permanent ? "the chat refuses the result" : "the result could not be sent now", options);
  }
}

/**
 * What the job engine needs from the chat. Implemented by the bot layer, so that
 * generation/ never imports grammY.
 */
export interface JobOutput {
  /** Shows that the job runs (a progress message and a chat action); returns the progress message id. */
  started(job: GenerationRow): Promise<number | undefined>;
  progress(job: GenerationRow, info: { elapsedMs: number; progress?: number; textSoFar?: string }): Promise<void>;
  /**
   * Sends the result, waiting out any flood limit; parts an earlier attempt delivered are skipped.
   * Throws `DeliveryFailed` when it cannot be sent now (tried again later) or ever.
   */
  deliver(job: GenerationRow, outputs: OpenedOutput[], receipt: Receipt, parts: DeliveryParts): Promise<void>;
  failed(job: GenerationRow, failure: Failure): Promise<void>;
  /** Downloads what the user sent (Telegram getFile, ≤ 20 MB; an API client's URL). */
  fetchInput(ref: InputRef, job?: GenerationRow): Promise<InputFile>;
}

/** What the job engine counts for `/metrics` (implemented with prom-client outside generation/). */
export interface JobMetrics {
  /** A job sent upstream again after a crash: the provider is paid twice. */
  resubmitted(provider: ProviderId): void;
  /** A job settled: `captured` (charged) or `released`, with the time since it was confirmed. */
  jobEnded(job: GenerationRow, outcome: "captured" | "released", ms: number): void;
}
