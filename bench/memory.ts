import { testUser } from "../test/support/e2e.js";
import { promptAndConfirm, selectModel } from "../test/support/media-e2e.js";
import { prodNodeArgs, startBenchStack } from "./bot-stack.js";
import { cpuSettled, mb, peakRssBytes, resetPeakRss, rssBytes } from "./process-stats.js";

const VIDEO_BYTES = 45 * 1024 * 1024;

/** Idle RSS of the compiled bot, and its peak RSS while a 45 MB video result goes to sendVideo. */
export async function runMemoryBench(): Promise<string[]> {
  const stack = await startBenchStack();
  try {
    const { tg, bot, luma } = stack;
    await cpuSettled(bot.pid, 500, 5_000_000);
    const idle = rssBytes(bot.pid);

    const user = testUser(30_001);
    await selectModel(stack, user, "luma-ray2-flash");
    luma.outputSize(VIDEO_BYTES);
    resetPeakRss(bot.pid);
    const before = rssBytes(bot.pid);
    await promptAndConfirm(stack, user, "a 45 MB video");
    const sent = await tg.waitForCall("sendVideo", (call) => call.ok, 120_000);
    const size = (sent.result as { video?: { file_size?: number } }).video?.file_size;
    await cpuSettled(bot.pid);
    const peak = peakRssBytes(bot.pid);
    return [
      `memory: idle RSS of node ${[...prodNodeArgs(), ""].join(" ")}dist/main.js ${mb(idle)}`,
      `memory: peak RSS relaying a ${mb(size ?? 0)} video to sendVideo ${mb(peak)} (${mb(before)} before, +${mb(peak - before)})`,
    ];
  } finally {
    await stack.close();
  }
}
