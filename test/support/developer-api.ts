import { createServer } from "node:net";
import { type Emulator, say } from "./e2e.js";
import type { TgUser } from "./telegram/types.js";

/** A port free right now on loopback, for a server the test starts next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `/api` → "New key" in the bot, as a user does it; returns the key the bot showed once. */
export async function createKeyInBot(tg: Emulator, user: TgUser): Promise<string> {
  const screen = await say(tg, user, "/api", (c) => /Developer API/.test(c));
  const after = tg.lastBotMessage(user.id)?.message_id ?? 0;
  tg.clickButtonByText(user, screen, /New key/);
  const shown = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && /nb_/.test(m.content));
  const key = /nb_[A-Za-z0-9_-]+/.exec(shown.content)?.[0];
  if (!key) throw new Error(`no key in: ${shown.content}`);
  return key;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown> & { error?: { code: string; message: string; [k: string]: unknown } };
}

/** Plain HTTP to `/api/v2` with a key, as any client would call it. */
export function apiClient(base: string, key?: string) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}/api/v2${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} } as ApiAnswer;
  }
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call("POST", path, body, headers),
  };
}

export { eventually } from "./eventually.js";
