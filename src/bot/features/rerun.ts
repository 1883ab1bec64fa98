import type { ModelSpec } from "../../catalog/types.js";
import { followUpOf, type InputRef, TRANSCRIBE_WITH, upstreamParams } from "../../generation/types.js";
import type { GenerationRow } from "../../storage/generations-repository.js";
import type { BotContext } from "../context.js";
import { requestGeneration } from "./prompt.js";

/**
 * A stored job's request (model, prompt, files, parameters) quoted again as a new request, going
 * through the usual price and confirm steps: Retry under a failure, 🔁 Again under a result.
 * The new job has no request message of its own: it is the button's, not the first message's.
 */
export async function rerun(ctx: BotContext, job: GenerationRow, model: ModelSpec) {
  const { catalog } = ctx.services;
  const stored = JSON.parse(job.params) as Record<string, unknown>;
  const transcriber = stored[TRANSCRIBE_WITH];
  const transcribeWith = typeof transcriber === "string" ? catalog.find(transcriber)?.model : undefined;
  const inputs = storedInputs(job);
  // A voice request is heard again: its stored prompt is the earlier transcript.
  const prompt = transcribeWith ? null : job.prompt;
  await requestGeneration(ctx, model, prompt, inputs, {
    params: upstreamParams(job),
    transcribeWith,
    followUp: followUpOf(job),
  });
}

export function storedInputs(job: GenerationRow): InputRef[] {
  return job.inputs ? ((JSON.parse(job.inputs) as InputRef[] | null) ?? []) : [];
}
