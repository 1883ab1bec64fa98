import type { GenerationRow, GenerationsRepository } from "../storage/generations-repository.js";
import type { JobEvents } from "./job-events.js";
import { failureOf, publicStatus, textOf } from "./job-view.js";

export type JobOutcome = { ok: true; text: string } | { ok: false; code: string; message: string };

/** How long past its deadline a request waits for a job that this process may not be running. */
const GRACE_MS = 30_000;

/**
 * Waits on one API job from before it starts: streamed text as it comes (`onText`), then its
 * outcome. Listening begins at creation, so nothing the job does after `confirm` is missed.
 */
export function waitForJob(events: JobEvents, repo: GenerationsRepository, job: GenerationRow, now: () => number) {
  let latest = "";
  let onText: ((textSoFar: string) => void) | undefined;
  let settle: (outcome: JobOutcome) => void = () => {};
  const outcome = new Promise<JobOutcome>((resolve) => {
    settle = resolve;
  });
  const unsubscribe = events.subscribe(job.id, (event) => {
    if (event.type === "progress" && event.textSoFar !== undefined) {
      latest = event.textSoFar;
      onText?.(latest);
    } else if (event.type === "delivered") {
      const text = event.outputs.flatMap((o) => (o.output.type === "text" ? [o.output.text] : [])).join("\n\n");
      settle({ ok: true, text });
    } else if (event.type === "failed") {
      const failure = failureOf({ ...job, error: JSON.stringify(event.failure) });
      settle({ ok: false, ...failure });
    }
  });
  const timer = setTimeout(
    () => settle({ ok: false, code: "deadline", message: "The generation took too long." }),
    Math.max(0, (job.deadline_at ?? now()) - now()) + GRACE_MS,
  );
  timer.unref();
  void outcome.finally(() => {
    clearTimeout(timer);
    unsubscribe();
  });

  /** A job that already ended (a retried request) answers from the database. */
  async function checkStored() {
    const current = await repo.get(job.id);
    if (!current) return;
    const status = publicStatus(current);
    if (status === "completed") settle({ ok: true, text: textOf(current) ?? "" });
    else if (status === "failed" && current.status !== "failed") settle({ ok: false, ...failureOf(current) });
  }

  return {
    outcome,
    checkStored,
    /** Streams text from now on, starting with what already arrived. */
    streamText(listener: (textSoFar: string) => void) {
      onText = listener;
      if (latest) listener(latest);
    },
    /** Stops listening (the request ended before its job). */
    cancel: () => settle({ ok: false, code: "internal", message: "stopped waiting" }),
  };
}
