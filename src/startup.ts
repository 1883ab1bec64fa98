/**
 * A start-up failure the operator fixes in the environment: printed as one line naming the
 * variable to check, without a stack trace.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** `work`'s result, or `onTimeout()`'s error once `ms` pass first (the work is left to the exiting process). */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error's message on one line (drivers sometimes add detail lines). */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}
