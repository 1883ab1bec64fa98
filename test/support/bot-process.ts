import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface BotProcess {
  /** The process id (the benchmark reads its CPU time and memory from /proc). */
  pid: number;
  /** Everything the bot wrote to stdout and stderr so far (pino JSON lines). */
  output(): string;
  /** Kills the process at once, as a crash would (no graceful shutdown). */
  kill(): Promise<void>;
  /** Stops it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP), as a long stall would: it holds its connections but runs nothing. */
  pause(): void;
  /** Lets a paused process run on (SIGCONT): its timers are all overdue at once. */
  resume(): void;
  exited: Promise<number | null>;
}

export const ROOT = new URL("../..", import.meta.url).pathname;

/** A fresh SQLite path for one test's bot. */
export function tempDatabaseUrl(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), "bot-e2e-")), "bot.db")}`;
}

/**
 * A fresh, empty PostgreSQL schema on `TEST_DATABASE_URL` for one test's bot, as a URL whose
 * connection options select it; the bot migrates it at start like any database.
 */
export async function tempPostgresUrl(base: string): Promise<string> {
  const schema = `e2e_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** Drops the schema a `tempPostgresUrl` made (after the bot using it has stopped). */
export async function dropTempPostgres(url: string): Promise<void> {
  const parsed = new URL(url);
  const schema = /search_path=(e2e_[0-9a-f]+)/.exec(parsed.searchParams.get("options") ?? "")?.[1];
  if (!schema) return;
  parsed.searchParams.delete("options");
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  await client.query(`drop schema ${schema} cascade`);
  await client.end();
}

/** How to launch the bot: `npm start`'s command by default, or a build's `dist/main.js`. */
export interface LaunchOptions {
  args?: string[];
  cwd?: string;
}

/**
 * Starts the real bot the way `npm start` does (`node --import tsx src/main.ts`) with the given
 * environment only, and waits until it logs that it started. Its HTTP server (`/healthz`) takes
 * any free port unless `PORT` is given: `listeningPort(bot.output())` names it.
 */
export async function startBotProcess(
  env: Record<string, string>,
  timeoutMs = 20_000,
  launch: LaunchOptions = {},
): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, launch.args ?? ["--import", "tsx", "src/main.ts"], {
    cwd: launch.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", PORT: "0", ...env },
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
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        // A paused process acts on the SIGTERM only once it runs again.
        child.kill("SIGCONT");
      }
      await exited;
    },
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
  };
}

/** The port the bot's HTTP server took, from its "http server listening" log line. */
export function listeningPort(output: string): number {
  const line = output.split("\n").find((l) => l.includes('"http server listening"'));
  const port = line ? (JSON.parse(line) as { port?: number }).port : undefined;
  if (port === undefined) throw new Error(`the bot logged no "http server listening" line:\n${output}`);
  return port;
}

/** Runs the bot until it exits by itself (a start-up failure) and returns what it printed. */
export async function runBotUntilExit(
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    // No .env from the checkout: only what the test gives.
    env: { PATH: process.env.PATH ?? "", PORT: "0", DOTENV_CONFIG_PATH: "/nonexistent/.env", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    // Started after all: stop it, so the test fails on its status instead of timing out.
    if (stdout.includes('"bot started"')) child.kill("SIGKILL");
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { status, stdout, stderr };
}
