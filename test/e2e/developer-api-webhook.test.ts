import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, freePort } from "../support/developer-api.js";
import { type Stack, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";

/** Webhook mode with API_PORT = PORT: one server takes both Telegram's updates and the API. */
describe("developer API sharing the webhook server", () => {
  let openai: OpenAiFake;
  let stack: Stack;
  let base: string;
  let updateId = 1;

  /** Posts an update to the webhook as Telegram would (behind the TLS proxy). */
  async function deliver(update: Record<string, unknown>) {
    const response = await fetch(`${base}/telegram/hook`, {
      method: "POST",
      body: JSON.stringify({ update_id: updateId++, ...update }),
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret_token" },
    });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply("shared answer");
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    stack = await startStack(
      { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl },
      {
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://bot.example.test/telegram/hook",
        WEBHOOK_SECRET: "s3cret_token",
        PORT: String(port),
        API_PORT: String(port),
        API_PUBLIC_URL: `${base}/api/v2/`,
        API_KEY_RATE_PER_MINUTE: "4",
        API_BODY_LIMIT: "2048",
      },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("takes a key made through webhook updates; caps requests per key and body size", async () => {
    const { tg } = stack;
    const user = testUser(8201);
    await deliver({ message: tg.sendText(user, "/start") });
    await tg.waitForBotMessage(user.id, () => true);
    await deliver({ message: tg.sendText(user, "/api") });
    const screen = await tg.waitForBotMessage(user.id, (m) => /Developer API/.test(m.content));
    // API_PUBLIC_URL given with its /api/v2 suffix is not doubled.
    expect(screen.content).toContain(`${base}/api/v2\n`);
    await deliver({ callback_query: tg.clickButtonByText(user, screen, /New key/) });
    const shown = await tg.waitForBotMessage(user.id, (m) => /nb_/.test(m.content));
    const key = /nb_[A-Za-z0-9_-]+/.exec(shown.content)?.[0] ?? "";

    const api = apiClient(base, key);
    const tooBig = await api.post("/chat/completions", {
      model: "gpt-5-nano",
      messages: [{ role: "user", content: "x".repeat(4000) }],
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error?.code).toBe("body_too_large");

    const chat = await api.post("/chat/completions", {
      model: "gpt-5-nano",
      messages: [{ role: "user", content: "hello" }],
    });
    expect(chat.status).toBe(200);
    expect((chat.json.choices as { message: { content: string } }[])[0]?.message.content).toBe("shared answer");
    // Four requests counted so far, the oversized one too (the key is checked before the body is read).
    expect((await api.get("/balance")).status).toBe(200);
    expect((await api.get("/balance")).status).toBe(200);
    const capped = await api.get("/balance");
    expect(capped.status).toBe(429);
    expect(capped.json.error?.code).toBe("key_rate_limited");
    expect(Number(capped.headers.get("retry-after"))).toBeGreaterThan(0);
    await tg.expectClean();
  }, 60_000);
});
