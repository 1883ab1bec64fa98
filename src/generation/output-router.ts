import type { GenerationRow } from "../storage/generations-repository.js";
import type { InputRef, JobOrigin, JobOutput } from "./types.js";

/**
 * One `JobOutput` made of one per front: each job is delivered by the front that started it
 * (its `origin`), so a job from the API never reaches a chat and a chat job never the API's store.
 */
export function createOutputRouter(
  outputs: { telegram: JobOutput } & Partial<Record<JobOrigin, JobOutput>>,
): JobOutput {
  const of = (job: GenerationRow | undefined): JobOutput =>
    (job && outputs[job.origin as JobOrigin]) || outputs.telegram;
  return {
    started: (job) => of(job).started(job),
    progress: (job, info) => of(job).progress(job, info),
    deliver: (job, opened, receipt, parts) => of(job).deliver(job, opened, receipt, parts),
    failed: (job, failure) => of(job).failed(job, failure),
    fetchInput: (ref: InputRef, job?: GenerationRow) => of(job).fetchInput(ref, job),
  };
}
