import type { ModelSpec, ParamValue } from "../catalog/types.js";
import type { InputRef } from "../generation/types.js";
import type { ChatMessage } from "../providers/types.js";
import type { ApiKeyRow } from "../storage/api-keys-repository.js";
import type { GenerationRow } from "../storage/generations-repository.js";
import type { ApiDeps } from "./deps.js";
import { idempotentRequest } from "./idempotency.js";
import { waitForJob } from "./job-waiter.js";

/** One request to the API as a job of the key's user. */
export interface ApiJobRequest {
  key: ApiKeyRow;
  endpoint: "chat" | "generate";
  /** The client's `Idempotency-Key` header, if it sent one. */
  idempotencyHeader: string | undefined;
  model: ModelSpec;
  params: Record<string, ParamValue>;
  prompt: string | null;
  inputs?: InputRef[];
  messages?: ChatMessage[];
}

type StartDeps = Pick<ApiDeps, "engine" | "generations" | "limits" | "events" | "clock">;

/** Quotes the request at the model's price; a retried request (same Idempotency-Key) finds its first job. */
async function quote(deps: StartDeps, req: ApiJobRequest): Promise<GenerationRow> {
  const userId = req.key.user_id;
  const { idempotencyKey } = await idempotentRequest(
    deps,
    { userId, apiKeyId: req.key.id, endpoint: req.endpoint, header: req.idempotencyHeader },
    { model: req.model.slug, prompt: req.prompt },
  );
  const { job } = await deps.engine.quote({
    userId,
    chatId: userId,
    model: req.model,
    params: req.params,
    prompt: req.prompt,
    inputs: req.inputs,
    origin: "api",
    apiKeyId: req.key.id,
    idempotencyKey,
    messages: req.messages,
  });
  return job;
}

/** Holds a quoted job's price and runs it; a job its first request already confirmed is left as it is. */
async function confirm(deps: StartDeps, job: GenerationRow): Promise<void> {
  if (job.status === "quoted") await deps.engine.confirm(job.id, job.user_id, job);
}

/** Quotes and confirms a job whose result the client polls for (POST /generate). */
export async function startApiJob(deps: StartDeps, req: ApiJobRequest): Promise<GenerationRow> {
  const job = await quote(deps, req);
  await confirm(deps, job);
  return job;
}

/**
 * Quotes and confirms a job the request waits for (POST /chat/completions). Listening begins before
 * the confirm, so nothing the job does is missed; a job a retried request already ended answers at once.
 */
export async function startAwaitedApiJob(deps: StartDeps, req: ApiJobRequest) {
  const job = await quote(deps, req);
  const waiter = waitForJob(deps.events, deps.generations, job, () => deps.clock.now().getTime());
  try {
    await confirm(deps, job);
  } catch (error) {
    waiter.cancel();
    throw error;
  }
  await waiter.checkStored();
  return { job, waiter };
}
