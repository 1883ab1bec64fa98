import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { createOperatorAlerts } from "../../../src/bot/delivery/operator-alerts.js";
import { createI18n } from "../../../src/bot/i18n.js";
import { createManualClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/logger.js";

function setup() {
  const clock = createManualClock();
  const sent: { chat: number; text: string }[] = [];
  const api = {
    sendMessage: async (chat: number, text: string) => {
      sent.push({ chat, text });
      return {};
    },
  } as unknown as Api;
  const alerts = createOperatorAlerts({
    api,
    i18n: createI18n("en"),
    // Admin 1 chose Russian; admin 2 never wrote to the bot and has no account.
    users: { find: async (id: number) => (id === 1 ? { locale: "ru" } : undefined) } as never,
    adminIds: [1, 2],
    defaultLocale: "en",
    logger: createLogger("silent"),
    now: () => clock.now().getTime(),
  });
  return { clock, sent, alerts };
}

describe("operator alerts", () => {
  it("tells every admin once an hour per provider, and only about the operator's key", async () => {
    const { clock, sent, alerts } = setup();
    await alerts.notify({ kind: "rate_limited", provider: "openai" }, "gpt-5-nano");
    expect(sent).toEqual([]);
    await alerts.notify(
      { kind: "auth", provider: "openai", reason: "Incorrect API key provided: sk-live-XYZ" },
      "gpt-5-nano",
    );
    expect(sent.map((s) => s.chat)).toEqual([1, 2]);
    expect(sent[0]?.text).toContain("<b>openai</b>: API-ключ отклонён");
    expect(sent[1]?.text).toContain(
      "<b>openai</b>: the API key was rejected. Requests to its models (last: gpt-5-nano)",
    );
    expect(sent.some((s) => s.text.includes("sk-"))).toBe(false);
    await alerts.notify({ kind: "billing", provider: "openai" }, "gpt-5-nano");
    clock.advance(59 * 60_000);
    await alerts.notify({ kind: "auth", provider: "openai" }, "gpt-5-nano");
    expect(sent).toHaveLength(2);
    await alerts.notify({ kind: "billing", provider: "anthropic" }, "claude-haiku-4.5");
    expect(sent).toHaveLength(4);
    clock.advance(60_001);
    await alerts.notify({ kind: "auth", provider: "openai" }, "gpt-5-nano");
    expect(sent).toHaveLength(6);
  });
});
