// `node --import tsx bench/profile-summary.ts FILE.cpuprofile [N]`: where a bot's CPU time went,
// by function (self time) and by package or source file, from a profile BENCH_CPU_PROF wrote.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts FILE.cpuprofile [N]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

/** `grammy`, `src/bot/…`, or `(native)`: where a frame's code lives. */
function place(url: string): string {
  if (!url) return "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith("node:")) return url;
  return /\/(dist|src|bench|test)\/(.*)$/.exec(url)?.slice(1).join("/") ?? url;
}

const functions = new Map<string, number>();
const places = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame || frame.functionName === "(idle)") continue;
  total += us;
  const where = place(frame.url);
  const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + us);
  places.set(where, (places.get(where) ?? 0) + us);
}
const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([name, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
console.log(`${(total / 1000).toFixed(0)} ms on CPU (idle left out)\n\nby place:`, ...top(places).map((l) => `\n${l}`));
console.log("\nby function (self time):", ...top(functions).map((l) => `\n${l}`));

// Inclusive: each sample counts once for every app function (dist/ or src/) on its stack.
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const leaf = byId.get(id)?.callFrame;
  if (!leaf || leaf.functionName === "(idle)") return;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame || !/\/(dist|src)\//.test(frame.url) || frame.url.includes("node_modules")) continue;
    const name = `${frame.functionName || "(anonymous)"} ${place(frame.url)}:${frame.lineNumber + 1}`;
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
});
console.log("\nby app function (inclusive):", ...top(inclusive).map((l) => `\n${l}`));
