import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { type BotProcess, ROOT, startBotProcess, tempDatabaseUrl } from "../test/support/bot-process.js";
import type { Stack } from "../test/support/e2e.js";
import { type LumaFake, startLumaFake } from "../test/support/fakes/luma-fake.js";
import { type OpenAiFake, startOpenAiFake } from "../test/support/fakes/openai-fake.js";
import { startTelegramEmulator, type TelegramEmulator } from "../test/support/telegram/emulator.js";
import type { EmulatorOptions } from "../test/support/telegram/types.js";

/** `npm run build` as `npm run start:prod` runs it (type checking is `npm run typecheck`'s job). */
export function buildBot(): void {
  const run = spawnSync(process.execPath, ["scripts/build.mjs", "--noCheck"], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
}

export interface BenchStack extends Stack {
  openai: OpenAiFake;
  luma: LumaFake;
}

/** The emulator, the OpenAI and Luma fakes, and the compiled bot (`node dist/main.js`) on a fresh SQLite file. */
export async function startBenchStack(emulator: EmulatorOptions = {}): Promise<BenchStack> {
  const tg = await startTelegramEmulator(emulator);
  const openai = await startOpenAiFake();
  openai.reply("ok");
  const luma = await startLumaFake();
  const env = {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATABASE_URL: tempDatabaseUrl(),
    DEFAULT_LOCALE: "en",
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseUrl,
    LUMA_API_KEY: "luma-test",
    LUMA_BASE_URL: luma.baseUrl,
  };
  // BENCH_CPU_PROF=DIR: each bot writes a V8 CPU profile there when it stops (see bench/profile-summary.ts).
  const profile = process.env.BENCH_NODE_ARGS
    ? process.env.BENCH_NODE_ARGS.split(" ")
    : process.env.BENCH_CPU_PROF
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  const launch = () => startBotProcess(env, 30_000, { args: [...profile, join(ROOT, "dist", "main.js")] });
  const stack: BenchStack = {
    tg,
    bot: await launch(),
    openai,
    luma,
    env,
    async restart() {
      stack.bot = await launch();
      return stack.bot;
    },
    async close() {
      await stack.bot.stop();
      await tg.close();
      await openai.close();
      await luma.close();
    },
  };
  return stack;
}

/** The baseline: a bare grammY echo bot (bench/echo-bot.ts) polling its own emulator. */
export async function startEchoStack(): Promise<{ tg: TelegramEmulator; bot: BotProcess; close(): Promise<void> }> {
  const tg = await startTelegramEmulator();
  const bot = await startBotProcess({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot }, 30_000, {
    args: ["--import", "tsx", join(ROOT, "bench", "echo-bot.ts")],
  });
  return {
    tg,
    bot,
    async close() {
      await bot.stop();
      await tg.close();
    },
  };
}
