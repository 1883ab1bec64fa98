import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listeningPort } from "../support/bot-process.js";
import { type Stack, startStack } from "../support/e2e.js";

interface Probe {
  status: number;
  body: Record<string, unknown>;
}

async function probe(port: number, path: string): Promise<Probe> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Probes until `accept` holds: the bot notices a change on its own schedule, not the test's. */
async function probeUntil(port: number, path: string, accept: (p: Probe) => boolean): Promise<Probe> {
  const deadline = Date.now() + 15_000;
  let last = await probe(port, path);
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`${path} never matched; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await probe(port, path);
  }
  return last;
}

describe("health endpoints in polling mode", () => {
  let stack: Stack;
  let port: number;
  let telegramClosed = false;

  beforeAll(async () => {
    stack = await startStack({});
    port = listeningPort(stack.bot.output());
  }, 60_000);

  afterAll(async () => {
    await stack?.bot.stop();
    if (!telegramClosed) await stack?.tg.close();
  });

  it("serves /healthz and /readyz on PORT while polling", async () => {
    expect(await probe(port, "/healthz")).toEqual({
      status: 200,
      body: { status: "ok", database: true, updates: true },
    });
    expect(await probe(port, "/readyz")).toEqual({
      status: 200,
      body: { status: "ok", database: true, migrations: true },
    });
  });

  it("is not ready when a migration is missing, while staying healthy", async () => {
    const file = new SQLite(stack.env.DATABASE_URL?.slice("sqlite:".length) ?? "");
    try {
      const latest = file.prepare("select name from kysely_migration order by name desc limit 1").get() as {
        name: string;
      };
      file.prepare("delete from kysely_migration where name = ?").run(latest.name);
      expect(await probe(port, "/readyz")).toMatchObject({ status: 503, body: { migrations: false } });
      expect((await probe(port, "/healthz")).status).toBe(200);
      file
        .prepare("insert into kysely_migration (name, timestamp) values (?, ?)")
        .run(latest.name, new Date().toISOString());
      expect((await probe(port, "/readyz")).status).toBe(200);
    } finally {
      file.close();
    }
  });

  it("answers 503 once getUpdates fails (the Bot API went away)", async () => {
    await stack.tg.close();
    telegramClosed = true;
    const down = await probeUntil(port, "/healthz", (p) => p.status !== 200);
    expect(down).toEqual({ status: 503, body: { status: "unavailable", database: true, updates: false } });
  });
});

describe("health endpoints in webhook mode", () => {
  let stack: Stack;
  let port: number;
  const url = "https://bot.example.test/telegram/hook";

  beforeAll(async () => {
    stack = await startStack({}, { BOT_MODE: "webhook", WEBHOOK_URL: url, WEBHOOK_SECRET: "s3cret_token" });
    port = listeningPort(stack.bot.output());
  }, 60_000);

  afterAll(async () => stack?.close());

  it("answers 503 when the webhook is no longer ours, and 200 while it is", async () => {
    const { settings } = stack.tg;
    expect(settings.webhook?.url).toBe(url);
    const ours = settings.webhook;
    // Another deployment (or a polling copy calling deleteWebhook) took the updates away.
    settings.webhook = undefined;
    expect(await probe(port, "/healthz")).toEqual({
      status: 503,
      body: { status: "unavailable", database: true, updates: false },
    });
    settings.webhook = ours;
    expect(await probe(port, "/healthz")).toEqual({
      status: 200,
      body: { status: "ok", database: true, updates: true },
    });
    expect(await probe(port, "/readyz")).toMatchObject({ status: 200 });
    expect(stack.tg.callsOf("getWebhookInfo").length).toBeGreaterThan(0);
  });

  it("serves the webhook on the same PORT", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/telegram/hook`, {
      method: "POST",
      body: JSON.stringify({ update_id: 1 }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(401);
  });
});
