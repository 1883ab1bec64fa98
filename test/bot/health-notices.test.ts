import { describe, expect, it } from "vitest";
import { createHealthNotices } from "../../src/bot/delivery/health-notices.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import type { HealthChange } from "../../src/generation/model-health.js";
import { createLogger } from "../../src/logger.js";

const catalog = createCatalog(undefined, { "gpt-5-nano": { fallbacks: ["nano-b"] } });
const model = catalog.get("gpt-5-nano");
const own = model.route.upstream;

function setup() {
  const sent: { chat: number; text: string }[] = [];
  const api = {
    sendMessage: async (chat: number, text: string) => {
      sent.push({ chat, text });
      if (chat === 3) throw new Error("Bad Request: chat not found");
      return {};
    },
  };
  const locales: Record<number, string> = { 1: "ru" };
  const notify = createHealthNotices({
    api: api as never,
    i18n: createI18n("en"),
    users: { find: async (id: number) => (locales[id] ? { locale: locales[id] } : undefined) } as never,
    adminIds: [1, 2, 3],
    defaultLocale: "en",
    logger: createLogger("silent"),
  });
  return { sent, notify };
}

const change = (c: Partial<HealthChange>): HealthChange => ({
  model,
  upstream: own,
  available: true,
  wasAvailable: false,
  ...c,
});

describe("health notices", () => {
  it("tells every admin, in their own language (default for one without an account), one message per change", async () => {
    const { sent, notify } = setup();
    await notify([change({ available: false, wasAvailable: true })]);
    expect(sent.map((m) => m.chat)).toEqual([1, 2, 3]);
    expect(sent[0]?.text).toContain("теперь недоступна");
    expect(sent[1]?.text).toBe(
      `⛔ <b>GPT-5 nano</b> (<code>gpt-5-nano</code>) is now unavailable: openai no longer lists <code>${own}</code> or any of its fallbacks. Users see ⛔ and nothing is sent upstream.`,
    );
  });

  it("words each kind of change: back, moved to a fallback, back on its own upstream", async () => {
    const { sent, notify } = setup();
    await notify([
      change({}),
      change({ upstream: "nano-b", wasAvailable: true, previousUpstream: own }),
      change({ wasAvailable: true, previousUpstream: "nano-b" }),
    ]);
    const english = sent.filter((m) => m.chat === 2).map((m) => m.text);
    expect(english[0]).toMatch(/is available again: openai lists <code>/);
    expect(english[1]).toMatch(/served by the fallback <code>nano-b<\/code> on openai/);
    expect(english[2]).toMatch(/served by its own upstream <code>[^<]+<\/code> on openai again/);
  });
});
