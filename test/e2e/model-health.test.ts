import { afterEach, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { startBotProcess, tempDatabaseUrl } from "../support/bot-process.js";
import { ADMIN_ID, type Stack, say, testUser } from "../support/e2e.js";
import { createMediaScript } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import { createOpenAiResponsesRoutes } from "../support/fakes/openai-responses-routes.js";
import { givePlan, lastId, selectModel } from "../support/media-e2e.js";
import { startTelegramEmulator } from "../support/telegram/emulator.js";
import type { BotMessage, TgUser } from "../support/telegram/types.js";

const RU_ADMIN_ID = 900_002;
const admin = testUser(ADMIN_ID, "en");
const ruAdmin = testUser(RU_ADMIN_ID, "ru");
const VOICE = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(200)]);
const openAiProducts = createCatalog().models.filter((m) => m.route.provider === "openai");

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
  s.tg.messages(user.id).filter((m) => /GPT-5 nano/.test(m.content) && /gpt-5-nano/.test(m.content));

describe("model health end to end", () => {
  it("an empty listing: gpt-5-nano shows ⛔, sends nothing upstream, admins are told in their language; it comes back", async () => {
    openai = await startOpenAiFake();
    stack = await startWithAdmins(openai);
    const { tg } = stack;
    const user = testUser(8101);
    await say(tg, user, "/start");
    await selectModel(stack, user, "gpt-5-nano");
    await say(tg, user, "first question", (c) => c.includes("Echo from gpt-5-nano"));
    // Everything was listed at start: nothing to announce.
    expect(adminNotices(stack, admin)).toEqual([]);

    openai.listing.set([]);
    await stack.bot.stop();
    await stack.restart();
    const notice = await tg.waitForBotMessage(
      admin.id,
      (m) => /GPT-5 nano/.test(m.content) && /unavailable/.test(m.content),
    );
    expect(notice.content).toMatch(/gpt-5-nano/);
    const ruNotice = await tg.waitForBotMessage(ruAdmin.id, (m) => /GPT-5 nano/.test(m.content));
    expect(ruNotice.content).toMatch(/теперь недоступна[\s\S]*gpt-5-nano/);

    // Choosing it: the card says it is unavailable, and a prompt is refused before any quote.
    const sent = posts(openai).length;
    const menu = await say(tg, user, "/models", (c) => /Choose a category/.test(c));
    tg.clickButtonByText(user, menu, "💬 Text");
    const list = await tg.waitFor(() =>
      tg
        .messages(user.id)
        .find((m) => m.message_id === menu.message_id && m.buttons.some((b) => /gpt-5-nano/.test(b.text))),
    );
    const button = list.buttons.find((b) => /gpt-5-nano/.test(b.text));
    expect(button?.text).toMatch(/^⛔ gpt-5-nano · 1/);
    tg.clickButtonByText(user, list, /gpt-5-nano/);
    await tg.waitForBotMessage(
      user.id,
      (m) => m.message_id === menu.message_id && /unavailable right now/.test(m.content),
    );
    const refusal = await say(tg, user, "second question");
    expect(refusal.content).toBe("⛔ GPT-5 nano is unavailable right now. Please choose another model: /models");
    expect(posts(openai)).toHaveLength(sent);

    // /models_health: the admin sees it, with its upstream and when it was checked; nobody else sees anything.
    const report = await say(tg, admin, "/models_health", (c) => /Model health/.test(c));
    expect(report.content).toMatch(/⛔ gpt-5-nano · openai\/gpt-5-nano · \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(report.content).toMatch(/⛔ claude-haiku-4\.5 · anthropic\/claude-haiku-4-5 · not checked/);
    const refused = await say(tg, user, "/models_health");
    expect(refused.content).not.toMatch(/Model health/);

    // The next check that lists it brings it back, and the admins hear of it once.
    openai.listing.reset();
    await stack.bot.stop();
    await stack.restart();
    await tg.waitForBotMessage(admin.id, (m) => /GPT-5 nano/.test(m.content) && /available again/.test(m.content));
    await say(tg, user, "/models", (c) => /Choose a category/.test(c));
    // The model card was not selectable while unavailable: choose it again.
    await selectModel(stack, user, "gpt-5-nano");
    await say(tg, user, "third question", (c) => c.includes("Echo from gpt-5-nano: third question"));
    expect(adminNotices(stack, admin)).toHaveLength(2);
    await tg.expectClean();
  }, 90_000);

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
