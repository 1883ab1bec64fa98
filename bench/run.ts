// `npm run bench`: the real bot (compiled, as `npm run start:prod` runs it) against the loopback
// Telegram emulator and provider fakes. Every figure is measured in this run and printed, never asserted.
import { buildBot } from "./bot-stack.js";
import { runCpuBench } from "./cpu-per-update.js";
import { runLedgerBench } from "./ledger-throughput.js";
import { runMemoryBench } from "./memory.js";
import { runPreCheckoutBench } from "./pre-checkout.js";

const sections: [string, () => Promise<string[]>][] = [
  ["per-update CPU", runCpuBench],
  ["ledger throughput", runLedgerBench],
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
