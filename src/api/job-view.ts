import type { Failure } from "../generation/types.js";
import type { ApiFileInfo } from "../storage/api-files-repository.js";
import type { GenerationRow } from "../storage/generations-repository.js";

export type PublicStatus = "pending" | "processing" | "completed" | "failed";

const STATUS: Record<string, PublicStatus> = {
  quoted: "pending",
  held: "pending",
  submitted: "processing",
  polling: "processing",
  delivering: "processing",
  delivered: "completed",
  captured: "completed",
  failed: "failed",
  released: "failed",
  cancelled: "failed",
};

export function publicStatus(job: GenerationRow): PublicStatus {
  return STATUS[job.status] ?? "processing";
}

/** Our words for why a job failed: the upstream's own text is for our logs, not for clients. */
const REASONS: Record<string, string> = {
  moderation: "The provider refused this request (content policy).",
  deadline: "The generation took too long and was stopped.",
  cancelled: "The generation was cancelled.",
  unavailable: "The model is unavailable right now.",
  rate_limited: "The provider is busy; try again later.",
  bad_request: "The provider did not accept these inputs.",
};

export function failureOf(job: GenerationRow): { code: string; message: string } {
  let failure: Failure = { kind: "internal" };
  try {
    if (job.error) failure = JSON.parse(job.error) as Failure;
  } catch {
    // An unreadable error column still means the job failed.
  }
  return { code: failure.kind, message: REASONS[failure.kind] ?? "The generation failed. No tokens were charged." };
}

/** The text answer stored on a finished job. */
export function textOf(job: GenerationRow): string | undefined {
  if (!job.outputs) return undefined;
  const outputs = JSON.parse(job.outputs) as { type: string; text?: string }[];
  const texts = outputs.filter((o) => o.type === "text" && typeof o.text === "string").map((o) => o.text as string);
  return texts.length > 0 ? texts.join("\n\n") : undefined;
}

/** `GET /generate/{id}` as the seeds describe it. */
export function generationView(job: GenerationRow, files: ApiFileInfo[], fileUrl: (token: string) => string) {
  const status = publicStatus(job);
  const base = {
    id: String(job.id),
    model: job.model,
    status,
    token_cost: job.price,
    tokens_charged: status === "completed" ? job.price : 0,
    created_at: new Date(job.created_at).toISOString(),
  };
  if (status === "failed") {
    const error = failureOf(job);
    return { ...base, reason: error.message, error };
  }
  if (status !== "completed") return base;
  const text = textOf(job);
  const expires = files[0]?.expires_at;
  return {
    ...base,
    urls: files.map((f) => fileUrl(f.token)),
    ...(text === undefined ? {} : { text }),
    ...(expires === undefined ? {} : { expires_at: new Date(expires).toISOString() }),
  };
}
