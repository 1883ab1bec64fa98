import type { GenerationRow } from "../storage/generations-repository.js";
import { CHAT_ACTION_MS } from "./job-timing.js";
import type { JobOutput } from "./types.js";

/**
 * Keeps jobs that wait on their upstream visibly alive: a chat action lasts 5 s and the elapsed time
 * moves on, while polls back off to 15 s. Every few seconds each watched job's progress is shown again,
 * if `mine` says the job is still this instance's (one that lost it shows nothing more of it).
 */
export function createHeartbeat(
  output: JobOutput,
  elapsedMs: (job: GenerationRow) => number,
  mine: (id: number) => boolean = () => true,
) {
  const watched = new Map<number, GenerationRow>();
  let timer: NodeJS.Timeout | undefined;

  function beat() {
    for (const job of watched.values()) {
      if (!mine(job.id)) continue;
      void output.progress(job, { elapsedMs: elapsedMs(job), progress: job.progress ?? undefined }).catch(() => {});
    }
  }

  return {
    /** Starts (or refreshes: a poll brings new progress) the watch of a job. */
    watch: (job: GenerationRow) => void watched.set(job.id, job),
    forget: (id: number) => void watched.delete(id),
    start() {
      timer ??= setInterval(beat, CHAT_ACTION_MS);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
