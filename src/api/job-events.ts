import type { Failure, OpenedOutput } from "../generation/types.js";

/** What the API's job output tells a waiting request about its job. */
export type JobEvent =
  | { type: "progress"; textSoFar?: string }
  | { type: "delivered"; outputs: OpenedOutput[] }
  | { type: "failed"; failure: Failure };

type Listener = (event: JobEvent) => void;

/**
 * In-process news of API jobs, for a request that waits on its own job (chat completions, streamed
 * or not). A job's state stays in the database; these events only save polling it.
 */
export function createJobEvents() {
  const listeners = new Map<number, Set<Listener>>();
  return {
    /** Listens to one job; returns the function that stops listening. */
    subscribe(jobId: number, listener: Listener): () => void {
      const set = listeners.get(jobId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(jobId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(jobId);
      };
    },
    emit(jobId: number, event: JobEvent) {
      for (const listener of listeners.get(jobId) ?? []) listener(event);
    },
  };
}

export type JobEvents = ReturnType<typeof createJobEvents>;
