import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface BotProcess {
  /** Everything the bot wrote to stdout and stderr so far (pino JSON lines). */
  output(): string;
  /** Kills the process at once, as a crash would (no graceful shutdown). */
  kill(): Promise<void>;
  /** Stops it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export const ROOT = new URL("../..", import.meta.url).pathname;

/** A fresh SQLite path for one test's bot. */
export function tempDatabaseUrl(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), "bot-e2e-")), "bot.db")}`;
}

/**
 * Starts the real bot the way `npm start` does (`node --import tsx src/main.ts`) with the given
 * environment only, and waits until it logs that it started.
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const started = Date.now();
  while (!output.includes('"bot started"')) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${output}`);
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`bot did not start in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    output: () => output,
    exited,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
