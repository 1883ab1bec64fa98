import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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

/**
 * The node flags `npm run start:prod` runs `dist/main.js` with (read from package.json, so the bench
 * measures what production runs). BENCH_NODE_ARGS replaces them, to compare; BENCH_CPU_PROF=DIR
 * adds a V8 CPU profile per bot, written when it stops (read it with bench/profile-summary.ts).
 */
export function prodNodeArgs(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts["start:prod"];
  const flags = /\bnode ((?:--\S+ )*)dist\/main\.js/.exec(script ?? "")?.[1];
  if (flags === undefined) throw new Error(`start:prod does not run node … dist/main.js: ${script}`);
  const chosen = process.env.BENCH_NODE_ARGS ?? flags;
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return [...chosen.split(" ").filter(Boolean), ...profile];
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
  const launch = () => startBotProcess(env, 30_000, { args: [...prodNodeArgs(), join(ROOT, "dist", "main.js")] });
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
