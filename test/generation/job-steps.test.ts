import { describe, expect, it } from "vitest";
import { CRASH_RETRY_MS, createJobSteps } from "../../src/generation/job-steps.js";
import { createLogger } from "../../src/logger.js";

/** A schedule the test runs by hand: it records each delay asked for. */
function manualSchedule() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pending,
    schedule(run: () => void, ms: number) {
      const entry = { run, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
  };
}

describe("job steps", () => {
  it("runs one step per job at a time, and a second call gets the first one's end", async () => {
    const steps = createJobSteps(createLogger("silent"), () => {});
    let release = () => {};
    let calls = 0;
    const step = () => {
      calls++;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const first = steps.track(1, step);
    const second = steps.track(1, step);
    expect(calls).toBe(1);
    expect(steps.has(1)).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(steps.has(1)).toBe(false);
  });

  it("runs a crashed step again later, waiting longer after each crash, and a success resets the wait", async () => {
    const timers = manualSchedule();
    const again: number[] = [];
    const steps = createJobSteps(createLogger("silent"), (id) => again.push(id), timers.schedule);
    const crash = () => Promise.reject(new Error("database went away"));
    await steps.track(7, crash);
    await steps.track(7, crash);
    expect(timers.pending.map((t) => t.ms)).toEqual([CRASH_RETRY_MS[0], CRASH_RETRY_MS[1]]);
    timers.pending[0]?.run();
    expect(again).toEqual([7]);
    await steps.track(7, async () => {});
    await steps.track(7, crash);
    expect(timers.pending.at(-1)?.ms).toBe(CRASH_RETRY_MS[0]);
  });

  it("aborts a running step with a reason, and stop drops the waiting retries", async () => {
    const timers = manualSchedule();
    const steps = createJobSteps(createLogger("silent"), () => {}, timers.schedule);
    let reason: unknown;
    const done = steps.track(
      3,
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            reason = signal.reason;
            resolve();
          });
        }),
    );
    expect(steps.abort(3, "stopped")).toBe(true);
    expect(steps.abort(3, "again")).toBe(false);
    await done;
    expect(reason).toBe("stopped");
    await steps.track(4, () => Promise.reject(new Error("boom")));
    await steps.stop();
    expect(timers.pending.every((t) => t.cancelled)).toBe(true);
    expect(steps.abort(5)).toBe(false);
  });
});
