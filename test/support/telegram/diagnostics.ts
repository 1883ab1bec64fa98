import type { ApiCall } from "./types.js";

/** Short, single-line rendering of request parameters for failure messages. */
export function summarizeParams(params: Record<string, unknown>, maxLength = 160): string {
  const shortened = JSON.stringify(params, (_key, value: unknown) => {
    if (typeof value === "string" && value.length > 60) return `${value.slice(0, 57)}…(${value.length})`;
    return value;
  });
  return shortened.length > maxLength ? `${shortened.slice(0, maxLength - 1)}…` : shortened;
}

export function describeCall(call: ApiCall, origin: number): string {
  let outcome = call.ok ? "ok" : `FAILED ${call.error_code ?? ""} ${call.error ?? ""}`.trim();
  if (call.ok && call.method === "getUpdates" && Array.isArray(call.result)) {
    const updates = call.result as Array<Record<string, unknown>>;
    outcome = `ok → [${updates.map((u) => `${String(u.update_id)}:${Object.keys(u).find((k) => k !== "update_id") ?? "?"}`).join(", ")}]`;
  }
  return `+${call.at - origin}ms ${call.method} ${outcome} ${summarizeParams(call.params)}`;
}

const isEmptyPoll = (call: ApiCall): boolean =>
  call.method === "getUpdates" && call.ok && Array.isArray(call.result) && call.result.length === 0;

/** The last `count` calls, leaving out empty long polls, which are noise. */
export function describeRecentCalls(calls: readonly ApiCall[], origin: number, count = 15): string {
  const interesting = calls.filter((call) => !isEmptyPoll(call));
  if (interesting.length === 0) return "  (no API calls yet: is the bot running against this emulator's apiRoot?)";
  const shown = interesting.slice(-count);
  const skipped = interesting.length - shown.length;
  return [
    ...(skipped > 0 ? [`  … ${skipped} earlier calls`] : []),
    ...shown.map((call) => `  ${describeCall(call, origin)}`),
  ].join("\n");
}
