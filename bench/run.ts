// `npm run bench`: the real bot (compiled, as `npm run start:prod` runs it) against the loopback
// Telegram emulator and provider fakes. Every figure is measured in this run and printed, never asserted.
import { existsSync } from "node:fs";
import { buildBot } from "./bot-stack.js";
import { runCpuBench } from "./cpu-per-update.js";
import { runMemoryBench } from "./memory.js";
import { runPreCheckoutBench } from "./pre-checkout.js";

const LEDGER_BENCH = new URL("./ledger-throughput.ts", import.meta.url);

async function ledgerThroughput(): Promise<string[]> {
  if (!existsSync(LEDGER_BENCH)) return ["ledger throughput: see bench/ledger-throughput.ts (not present)"];
  const bench = (await import(LEDGER_BENCH.href)) as { runLedgerBench(): Promise<string[]> };
  return bench.runLedgerBench();
}

const sections: [string, () => Promise<string[]>][] = [
  ["per-update CPU", runCpuBench],
  ["ledger throughput", ledgerThroughput],
  ["memory", runMemoryBench],
  ["pre-checkout latency", runPreCheckoutBench],
];

buildBot();
for (const [name, run] of sections) {
  const started = Date.now();
  const lines = await run();
  for (const line of lines) console.log(line);
  console.error(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
