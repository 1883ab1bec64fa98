import { readFileSync } from "node:fs";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runBotUntilExit, startBotProcess, tempDatabaseUrl } from "../support/bot-process.js";
import type { Emulator } from "../support/e2e.js";
import { startTelegramEmulator } from "../support/telegram/emulator.js";

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The process failed the way an operator can act on: non-zero, one line naming the variable, no stack. */
function expectOneLineNaming(run: { status: number | null; stderr: string }, variable: string) {
  const lines = run.stderr.trim().split("\n");
  expect(run.status).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("start-up failures print one line naming the variable", () => {
  let tg: Emulator;
  beforeAll(async () => {
    tg = await startTelegramEmulator();
  });
  afterAll(async () => tg?.close());

  const base = () => ({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, DATABASE_URL: tempDatabaseUrl() });

  it("webhook mode without WEBHOOK_SECRET", async () => {
    const run = await runBotUntilExit({
      ...base(),
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.test/hook",
      WEBHOOK_SECRET: "",
    });
    expectOneLineNaming(run, "WEBHOOK_SECRET");
    expect(tg.callsOf("setWebhook")).toEqual([]);
  });

  it("an unreachable Bot API (nothing listening) fails after the start-up bound", async () => {
    const root = `http://127.0.0.1:${await closedPort()}`;
    const run = await runBotUntilExit({ ...base(), TELEGRAM_API_ROOT: root, TEST_STARTUP_TIMEOUT_MS: "1500" });
    expectOneLineNaming(run, "TELEGRAM_API_ROOT");
    expect(run.stderr).toContain(root);
    expect(run.stderr).not.toContain(tg.token);
  });

  it("a Bot API that accepts connections but never answers fails after the start-up bound", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createTcpServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      const run = await runBotUntilExit({
        ...base(),
        TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
        TEST_STARTUP_TIMEOUT_MS: "1500",
      });
      expectOneLineNaming(run, "TELEGRAM_API_ROOT");
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("a bot token the Bot API rejects", async () => {
    const run = await runBotUntilExit({ ...base(), BOT_TOKEN: "999:not-the-emulators-token" });
    expectOneLineNaming(run, "BOT_TOKEN");
    expect(run.stderr).not.toContain("not-the-emulators-token");
  });

  it("an unreachable PostgreSQL server", async () => {
    const run = await runBotUntilExit({
      ...base(),
      DATABASE_URL: `postgres://bot:hunter2secret@127.0.0.1:${await closedPort()}/bot`,
    });
    expectOneLineNaming(run, "DATABASE_URL");
    expect(run.stderr).not.toContain("hunter2secret");
  });

  it("DATABASE_URL=sqlite: is an error, not an in-memory database", async () => {
    const run = await runBotUntilExit({ ...base(), DATABASE_URL: "sqlite:" });
    expectOneLineNaming(run, "DATABASE_URL");
  });

  it("a bad STARS_PRICE_OVERRIDES", async () => {
    const run = await runBotUntilExit({ ...base(), STARS_PRICE_OVERRIDES: "start=lots" });
    expectOneLineNaming(run, "STARS_PRICE_OVERRIDES");
  });

  it("a missing MODEL_ROUTES_FILE", async () => {
    const run = await runBotUntilExit({ ...base(), MODEL_ROUTES_FILE: "/nonexistent/routes.json" });
    expectOneLineNaming(run, "MODEL_ROUTES_FILE");
  });

  it("a PORT already in use", async () => {
    const busy = createTcpServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const { port } = busy.address() as { port: number };
    try {
      const run = await runBotUntilExit({ ...base(), PORT: String(port) });
      expectOneLineNaming(run, "PORT");
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

describe(".env.example as docker run --env-file passes it", () => {
  it("starts with its empty values meaning unset", async () => {
    // docker's --env-file keeps `KEY=` as an empty string; comments are whole lines.
    const example = Object.fromEntries(
      readFileSync(join(ROOT, ".env.example"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("#"))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(example.WEBHOOK_URL).toBe("");
    expect(example.MODEL_ROUTES_FILE).toBe("");
    const tg = await startTelegramEmulator();
    const bot = await startBotProcess({
      ...example,
      BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DATABASE_URL: tempDatabaseUrl(),
      PORT: "0",
    });
    expect(bot.output()).toContain('"bot started"');
    await bot.stop();
    await tg.close();
  });
});
