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

  beforeAll(async () => {
    const port = await freePort();
    // Telegram needs HTTPS: a proxy terminates TLS and forwards to PORT, as in production.
    url = "https://bot.example.test/telegram/hook";
    local = `http://127.0.0.1:${port}/telegram/hook`;
    stack = await startStack(
      {},
      { BOT_MODE: "webhook", WEBHOOK_URL: url, WEBHOOK_SECRET: "s3cret_token", PORT: String(port) },
    );
  }, 60_000);

  afterAll(async () => stack?.close());

  it("registers the webhook with its secret and handles updates posted to it", async () => {
    const { tg } = stack;
    const setWebhook = tg.callsOf("setWebhook").at(-1);
    expect(setWebhook?.params).toMatchObject({ url, secret_token: "s3cret_token" });

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
});
