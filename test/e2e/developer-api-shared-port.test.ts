import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createKeyInBot, freePort } from "../support/developer-api.js";
import { type Stack, startStack, testUser } from "../support/e2e.js";

/**
 * Polling mode with API_PORT = PORT (the values .env.example ships): the ops server on PORT serves
 * the API too, instead of a second server failing to take the same port.
 */
describe("developer API sharing PORT in polling mode", () => {
  let stack: Stack;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    stack = await startStack({}, { PORT: String(port), API_PORT: String(port) });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it("serves /healthz, /readyz and the API on the one port", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const key = await createKeyInBot(stack.tg, testUser(8301));
    const balance = await apiClient(base, key).get("/balance");
    expect(balance.status).toBe(200);
    expect(balance.json).toEqual({ token_balance: 50, plan: "starter", plan_expires_at: null });
    const unknown = await apiClient(base, key).get("/no-such-endpoint");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe("not_found");
    await stack.tg.expectClean();
  }, 60_000);
});
