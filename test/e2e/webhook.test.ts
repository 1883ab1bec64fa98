import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack, testUser } from "../support/e2e.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("webhook mode", () => {
  let stack: Stack;
  let url: string;
  let local: string;
  let ops: string;

  beforeAll(async () => {
    const port = await freePort();
    // Telegram needs HTTPS: a proxy terminates TLS and forwards to PORT, as in production.
    url = "https://bot.example.test/telegram/hook";
    local = `http://127.0.0.1:${port}/telegram/hook`;
    ops = `http://127.0.0.1:${port}`;
    stack = await startStack(
      {},
      { BOT_MODE: "webhook", WEBHOOK_URL: url, WEBHOOK_SECRET: "s3cret_token", PORT: String(port) },
    );
  }, 60_000);

  afterAll(async () => stack?.close());

  it("registers the webhook with its secret and handles updates posted to it", async () => {
    const { tg } = stack;
    const setWebhook = tg.callsOf("setWebhook").at(-1);
    expect(setWebhook?.params).toMatchObject({ url, secret_token: "s3cret_token", max_connections: 40 });

    const user = testUser(7001);
    const message = tg.sendText(user, "/start");
    const update = { update_id: 424242, message };

    const rejected = await fetch(local, {
      method: "POST",
      body: JSON.stringify(update),
      headers: { "content-type": "application/json" },
    });
    expect(rejected.status).toBe(401);

    const accepted = await fetch(local, {
      method: "POST",
      body: JSON.stringify(update),
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret_token" },
    });
    expect(accepted.status).toBe(200);
    const welcome = await tg.waitForBotMessage(user.id, (m) => /Hi, User7001/.test(m.content));
    expect(welcome.buttons.length).toBeGreaterThan(3);
    expect(tg.violations).toEqual([]);
  });

  it("answers an update delivered twice once, and counts the repeat in /metrics", async () => {
    const { tg } = stack;
    const user = testUser(7002);
    const post = (update: unknown) =>
      fetch(local, {
        method: "POST",
        body: JSON.stringify(update),
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret_token" },
      });
    const update = { update_id: 525252, message: tg.sendText(user, "/start") };
    // Telegram retries a delivery it thinks failed; a second instance may get it too.
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    // A later update of the same chat runs after both (updates of one chat are handled in order).
    await post({ update_id: 525253, message: tg.sendText(user, "/help") });
    await tg.waitForBotMessage(user.id, (m) => /\/balance/.test(m.content));
    const welcomes = tg
      .callsOf("sendMessage")
      .filter((c) => c.params.chat_id === user.id && /Hi, User7002/.test(String(c.params.text)));
    expect(welcomes).toHaveLength(1);

    const metrics = await (await fetch(`${ops}/metrics`)).text();
    expect(metrics).toMatch(/bot_updates_total\{type="message",duplicate="true"\} 1\b/);
    expect(metrics).toMatch(/bot_updates_total\{type="message",duplicate="false"\} [3-9]\b/);
    expect(metrics).toMatch(/# TYPE bot_jobs gauge/);
    expect(metrics).toMatch(/bot_payments_credited 0\b/);
  });
});
