import { afterEach, describe, expect, it } from "vitest";
import { cb } from "../../src/bot/callback-data.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { startBotProcess, tempDatabaseUrl } from "../support/bot-process.js";
import { ADMIN_ID, type Stack, say, testUser } from "../support/e2e.js";
import { createMediaScript } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import { createOpenAiResponsesRoutes } from "../support/fakes/openai-responses-routes.js";
import { OPENAI_MODELS } from "../support/fakes/served-models.js";
import { givePlan, lastId, selectModel } from "../support/media-e2e.js";
import { startTelegramEmulator } from "../support/telegram/emulator.js";
import type { BotMessage, TgUser } from "../support/telegram/types.js";

const RU_ADMIN_ID = 900_002;
const admin = testUser(ADMIN_ID, "en");
const ruAdmin = testUser(RU_ADMIN_ID, "ru");
const VOICE = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(200)]);
const catalog = createCatalog();
/** The OpenAI products that run at all (the catalog marks retired ones unavailable as data). */
const openAiProducts = catalog.models.filter((m) => m.route.provider === "openai" && !m.route.unavailable);
const nanoRoute = catalog.get("gpt-5-nano").route;
const NANO = { upstream: nanoRoute.upstream, fallback: nanoRoute.fallbacks?.[0] ?? "(none)" };

let openai: OpenAiFake | undefined;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  await openai?.close();
  stack = undefined;
  openai = undefined;
});

/**
 * The bot with both admins' chats open before it starts: the health check runs at start, before the
 * first update, and its notices need a chat to go to (as in Telegram, where an admin has /start-ed the bot).
 */
async function startWithAdmins(fake: OpenAiFake): Promise<Stack> {
  const tg = await startTelegramEmulator();
  tg.sendText(admin, "/start");
  tg.sendText(ruAdmin, "/start");
  const env = {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATABASE_URL: tempDatabaseUrl(),
    ADMIN_IDS: `${ADMIN_ID},${RU_ADMIN_ID}`,
    DEFAULT_LOCALE: "en",
    OPENAI_API_KEY: fake.apiKey,
    OPENAI_BASE_URL: fake.baseUrl,
  };
  const started: Stack = {
    tg,
    env,
    bot: await startBotProcess(env),
    async restart() {
      started.bot = await startBotProcess(env);
      return started.bot;
    },
    async close() {
      await started.bot.stop();
      await tg.close();
    },
  };
  return started;
}

const posts = (fake: OpenAiFake) => fake.requests.filter((r) => r.method === "POST");
const adminNotices = (s: Stack, user: TgUser) =>
  s.tg.messages(user.id).filter((m) => /GPT-5 nano \(gpt-5-nano\)/.test(m.content));

describe("model health end to end", () => {
  it("a fallback serves when the upstream is gone; an empty listing makes gpt-5-nano ⛔, sends nothing upstream and tells the admins in their language; it comes back", async () => {
    openai = await startOpenAiFake();
    stack = await startWithAdmins(openai);
    const { tg } = stack;
    const user = testUser(8101);
    await say(tg, user, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    await say(tg, user, "first question", (c) => c.includes(`Echo from ${NANO.upstream}`));
    // Everything was listed at start: nothing to announce.
    expect(adminNotices(stack, admin)).toEqual([]);

    // The upstream is gone but its fallback is listed: requests name the fallback.
    openai.listing.set(OPENAI_MODELS.filter((id) => id !== NANO.upstream));
    await stack.bot.stop();
    await stack.restart();
    const moved = await tg.waitForBotMessage(
      admin.id,
      (m) => /GPT-5 nano/.test(m.content) && /fallback/.test(m.content),
    );
    expect(moved.content).toContain(
      `served by the fallback ${NANO.fallback} on openai: ${NANO.upstream} is not listed`,
    );
    await say(tg, user, "second question", (c) => c.includes(`Echo from ${NANO.fallback}: second question`));
    expect(openai.chatBodies().at(-1)?.model).toBe(NANO.fallback);

    openai.listing.set([]);
    await stack.bot.stop();
    await stack.restart();
    const notice = await tg.waitForBotMessage(
      admin.id,
      (m) => /GPT-5 nano/.test(m.content) && /unavailable/.test(m.content),
    );
    expect(notice.content).toContain(`openai no longer lists ${NANO.upstream} or any of its fallbacks`);
    const ruNotice = await tg.waitForBotMessage(
      ruAdmin.id,
      (m) => /GPT-5 nano/.test(m.content) && /недоступна/.test(m.content),
    );
    expect(ruNotice.content).toContain(`(gpt-5-nano) теперь недоступна: openai больше не перечисляет ${NANO.upstream}`);

    // Choosing it: the menu shows ⛔, the card says it is unavailable, and a prompt is refused before any quote.
    const sent = posts(openai).length;
    const menu = await say(tg, user, "/models", (c) => /Choose a category/.test(c));
    tg.clickButtonByText(user, menu, "💬 Text");
    const list = await tg.waitFor(() =>
      tg
        .messages(user.id)
        .find((m) => m.message_id === menu.message_id && m.buttons.some((b) => /GPT-5 nano/.test(b.text))),
    );
    expect(list.buttons.find((b) => /GPT-5 nano/.test(b.text))?.text).toMatch(/^⛔ GPT-5 nano · 1/);
    // What cannot run now is listed after everything that can.
    const models = list.buttons.filter((b) => cb.model.filter.test(b.callback_data ?? ""));
    const firstBlocked = models.findIndex((b) => b.text.startsWith("⛔"));
    expect(models.slice(firstBlocked).every((b) => b.text.startsWith("⛔"))).toBe(true);
    tg.clickButtonByText(user, list, /GPT-5 nano/);
    await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === menu.message_id && /unavailable right now/.test(m.content),
    );
    const refusal = await say(tg, user, "third question");
    expect(refusal.content).toBe("⛔ GPT-5 nano is unavailable right now. Please choose another model: /models");
    expect(posts(openai)).toHaveLength(sent);

    // /models_health: the admin sees it, with its upstream and when it was checked; nobody else sees anything.
    const report = await say(tg, admin, "/models_health", (c) => /Model health/.test(c));
    expect(report.content).toMatch(
      new RegExp(`⛔ gpt-5-nano · openai/${NANO.upstream.replace(/\./g, "\\.")} · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`),
    );
    expect(report.content).toMatch(/⛔ claude-haiku-4\.5 · anthropic\/\S+ · not checked/);
    const refused = await say(tg, user, "/models_health");
    expect(refused.content).not.toMatch(/Model health/);

    // The next check that lists it brings it back on its own upstream, and the admins hear of it once.
    openai.listing.reset();
    await stack.bot.stop();
    await stack.restart();
    await tg.waitForBotMessage(admin.id, (m) => /GPT-5 nano/.test(m.content) && /available again/.test(m.content));
    await selectModel(stack, user, "gpt-5-nano");
    await say(tg, user, "fourth question", (c) => c.includes(`Echo from ${NANO.upstream}: fourth question`));
    expect(adminNotices(stack, admin)).toHaveLength(3);
    await tg.expectClean();
  }, 120_000);

  it("a listing that answers 500: every OpenAI product stays available and answers", async () => {
    const media = createMediaScript();
    openai = await startOpenAiFake({
      extraRoutes: [
        ...createOpenAiMediaRoutes({ apiKey: "test-openai-key", script: media }),
        ...createOpenAiResponsesRoutes(),
      ],
    });
    openai.listing.fail(500);
    stack = await startWithAdmins(openai);
    const { tg } = stack;
    await tg.waitFor(() => /model listing failed: availability unchanged/.test(stack?.bot.output() ?? ""));

    const report = await say(tg, admin, "/models_health", (c) => /Model health/.test(c));
    for (const model of openAiProducts) {
      expect(report.content).toContain(`✅ ${model.slug} · openai/${model.route.upstream} · not checked`);
    }
    expect(tg.messages(admin.id).filter((m) => /unavailable/.test(m.content))).toEqual([]);

    const user = testUser(8102);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    for (const model of openAiProducts) {
      await selectModel(stack, user, model.slug);
      const result = await runOnce(stack, user, model.input === "speech");
      expect(result.content, model.slug).toMatch(/🪙 · balance/);
    }
    await tg.expectClean();
  }, 150_000);
});

const hasConfirm = (m: BotMessage) => m.buttons.some((b) => /Confirm/.test(b.text));

/** Sends a prompt (or a voice message), confirms the quote if one comes, and returns the message with the receipt. */
async function runOnce(s: Stack, user: TgUser, voice: boolean): Promise<BotMessage> {
  const { tg } = s;
  const after = lastId(s, user);
  if (voice) tg.sendVoice(user, VOICE, { duration: 2 });
  else tg.sendText(user, "a short test");
  const receipt = (m: BotMessage) => m.message_id > after && !hasConfirm(m) && /🪙 · balance/.test(m.content);
  const first = await tg.waitForBotMessage(
    user.id,
    (m) => m.message_id > after && (hasConfirm(m) || receipt(m)),
    20_000,
  );
  if (hasConfirm(first)) tg.clickButtonByText(user, first, /Confirm/);
  return tg.waitForBotMessage(user.id, receipt, 30_000);
}
