import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator, type TgUser } from "../support/telegram/emulator.js";

const alice: TgUser = { id: 1001, first_name: "Alice", language_code: "en" };
const bob: TgUser = { id: 1002, first_name: "Bob", language_code: "en" };

/** A webhook endpoint that records what it gets; `answer` decides each status (default 200). */
async function startEndpoint(answer: (update: Update, seen: number) => number = () => 200) {
  const received: { update: Update; secret: string | undefined; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const update = JSON.parse(Buffer.concat(chunks).toString()) as Update;
      const status = answer(update, received.filter((r) => r.update.update_id === update.update_id).length);
      received.push({ update, secret: req.headers["x-telegram-bot-api-secret-token"] as string, status });
      res.writeHead(status).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function setWebhook(emu: TelegramEmulator, body: Record<string, unknown>) {
  const response = await fetch(`${emu.apiRoot}/bot${emu.token}/setWebhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok: boolean };
}

describe("webhook delivery", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it("posts each update to the proxy with the secret once a webhook is set, and retries until one is answered 2xx", async () => {
    // Alice's first update fails twice (a dead instance, a restart); Bob's is answered at once.
    const endpoint = await startEndpoint((update, seen) => (update.message?.text === "first" && seen < 2 ? 502 : 200));
    const emu = await startTelegramEmulator({ webhookTarget: endpoint.url });
    closers.push(endpoint.close, () => emu.close());

    emu.sendText(alice, "first");
    emu.sendText(alice, "second");
    emu.sendText(bob, "hello");
    expect(await setWebhook(emu, { url: "https://bot.example.test/hook", secret_token: "s3cret" })).toMatchObject({
      ok: true,
    });

    await emu.waitFor(() => emu.pendingUpdates().length === 0, 10_000, "every update confirmed");
    expect(endpoint.received.every((r) => r.secret === "s3cret")).toBe(true);
    const alices = endpoint.received.filter((r) => r.update.message?.chat.id === alice.id);
    // One chat's updates in order: "second" waits until "first" is confirmed.
    expect(alices.map((r) => `${r.update.message?.text} ${r.status}`)).toEqual([
      "first 502",
      "first 502",
      "first 200",
      "second 200",
    ]);
    expect(endpoint.received.filter((r) => r.update.message?.chat.id === bob.id)).toHaveLength(1);
    expect(emu.webhookDeliveries.map((d) => d.status).sort()).toEqual([200, 200, 200, 502, 502]);
  });

  it("without a target records the webhook and posts nothing; max_connections is 1–100", async () => {
    const emu = await startTelegramEmulator();
    closers.push(() => emu.close());
    await setWebhook(emu, { url: "https://bot.example.test/hook", max_connections: 5 });
    emu.sendText(alice, "hi");
    expect(emu.settings.webhook).toEqual({ url: "https://bot.example.test/hook", max_connections: 5 });
    expect(emu.pendingUpdates()).toHaveLength(1);
    expect(emu.webhookDeliveries).toEqual([]);
    expect(await setWebhook(emu, { url: "https://bot.example.test/hook", max_connections: 101 })).toMatchObject({
      ok: false,
    });
    expect(emu.violations).toEqual([expect.stringMatching(/max_connections must be between 1 and 100/)]);
  });
});
