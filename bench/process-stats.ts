import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** CPU time a process has used so far, in nanoseconds: the sum over its threads (GC and libuv included). */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return total;
}

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  const kb = Number(/(\d+)\s*kB/.exec(line ?? "")?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no ${field} for process ${pid}`);
  return kb * 1024;
}

/** Resident set size now, in bytes. */
export const rssBytes = (pid: number) => statusField(pid, "VmRSS");

/** The highest resident set size since start or since `resetPeakRss`, in bytes. */
export const peakRssBytes = (pid: number) => statusField(pid, "VmHWM");

/** Resets the kernel's peak RSS mark of a process we own (`clear_refs` 5). */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/**
 * Waits until the process stops spending CPU (less than `quietNs` in a `windowMs` window): work
 * that follows the last visible reply (captures, log writes, GC) is counted, idle time is not.
 */
export async function cpuSettled(pid: number, windowMs = 150, quietNs = 3_000_000): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const before = cpuNs(pid);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (cpuNs(pid) - before < quietNs) return;
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The value at a quantile (0..1) of some samples, nearest rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
