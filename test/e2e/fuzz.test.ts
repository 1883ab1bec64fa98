import type { Message, Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/database.js";
import { ADMIN_ID, balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { createMediaScript } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import {
  createRandom,
  documentName,
  forgedCallbackData,
  garbageBytes,
  oddText,
  type Random,
  randomCommand,
  randomText,
} from "../support/fuzz-inputs.js";
import { lastId, promptAndConfirm, selectModel, waitForQuote } from "../support/media-e2e.js";
import type { TgUser } from "../support/telegram/types.js";

const UPDATES = 2_000;
/** Updates fed before waiting for the bot to take them all and answer every button. */
const WAVE = 50;
/**
 * A fixed seed by default, so a CI run replays a known walk (one that found a bug: a formula that
 * swallowed a code span). `FUZZ_SEED=random` explores a new one; a failure prints its seed.
 */
const SEED =
  process.env.FUZZ_SEED === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED ?? 451_738_064);

/** Everything about a user that another user's actions must not change. */
async function snapshotOf(stack: Stack, userId: number) {
  const storage = openStorage(stack.env.DATABASE_URL ?? "");
  try {
    const { db } = storage;
    const user = await db
      .selectFrom("users")
      .select(["sub_tokens", "pkg_tokens", "plan", "selected_model", "model_params", "auto_confirm", "locale"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    const jobs = await db
      .selectFrom("generations")
      .select(["id", "status", "price", "model", "delivered_parts"])
      .where("user_id", "=", userId)
      .orderBy("id")
      .execute();
    const holds = await db
      .selectFrom("holds")
      .select(["key", "status", "amount"])
      .where("user_id", "=", userId)
      .execute();
    const entries = await db.selectFrom("ledger_entries").select(["id"]).where("user_id", "=", userId).execute();
    const keys = await db.selectFrom("api_keys").select(["id"]).where("user_id", "=", userId).execute();
    return { user, jobs, holds, entries: entries.length, keys: keys.length };
  } finally {
    await storage.close();
  }
}

describe("fuzz: thousands of odd updates from many users", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake({
      extraRoutes: createOpenAiMediaRoutes({ apiKey: "test-openai-key", script: createMediaScript() }),
    });
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  /** A victim with a delivered paid job, an open quote and buttons whose data the others replay. */
  async function prepareVictim(victim: TgUser): Promise<string[]> {
    const { tg } = stack;
    await say(tg, victim, "/start");
    await selectModel(stack, victim, "dall-e-3");
    const after = lastId(stack, victim);
    await promptAndConfirm(stack, victim, "a lighthouse at night");
    await tg.waitForBotMessage(victim.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    const before = lastId(stack, victim);
    tg.sendText(victim, "a second lighthouse");
    await waitForQuote(stack, victim, before);
    await say(tg, victim, "/history");
    await tg.expectClean();
    const data = tg
      .messages(victim.id)
      .flatMap((m) => m.buttons.map((b) => b.callback_data))
      .filter((d): d is string => d !== undefined);
    expect(data.some((d) => d.startsWith("ok:"))).toBe(true);
    expect(data.some((d) => d.startsWith("orig:"))).toBe(true);
    return data;
  }

  it("stays alive, answers every button, breaks no rule and lets no one touch another user's things", async () => {
    const { tg } = stack;
    const random: Random = createRandom(SEED);
    try {
      const victim = testUser(9_400);
      const victimData = await prepareVictim(victim);
      const victimBefore = await snapshotOf(stack, victim.id);
      const victimMessages = JSON.stringify(tg.messages(victim.id));
      const users = [...Array.from({ length: 10 }, (_, i) => testUser(9_401 + i, i % 3 === 0 ? "ru" : "en"))];
      users.push(testUser(ADMIN_ID));
      const sent = new Map<number, Message[]>();
      const pressesThisWave = new Map<string, number>();
      const botUsername = tg.botUser.username;

      const dataSeen = (): string[] => {
        const all = [victim, ...users].flatMap((u) => tg.messages(u.id).flatMap((m) => m.buttons));
        return all.map((b) => b.callback_data).filter((d): d is string => d !== undefined);
      };

      const act = (user: TgUser, known: string[]): void => {
        const own = tg.messages(user.id);
        const roll = random.next();
        const remember = (message: Message) => sent.set(user.id, [...(sent.get(user.id) ?? []), message].slice(-5));
        if (roll < 0.25) remember(tg.sendText(user, randomText(random)));
        else if (roll < 0.4) remember(tg.sendText(user, randomCommand(random, botUsername)));
        else if (roll < 0.62 && own.length > 0) {
          const target = random.pick(own);
          // Up to two presses per message per wave: the second one is still queued while the first one
          // changes or deletes the message, as happens when a user taps twice.
          const key = `${user.id}:${target.message_id}`;
          const presses = pressesThisWave.get(key) ?? 0;
          if (presses >= 2) return;
          pressesThisWave.set(key, presses + 1);
          const buttons = target.buttons.filter((b) => b.callback_data !== undefined);
          const choice = random.next();
          if (choice < 0.35 && buttons.length > 0)
            tg.pressForged(user, target, random.pick(buttons).callback_data ?? "");
          else if (choice < 0.6) tg.pressForged(user, target, random.pick(victimData));
          else if (choice < 0.8 && known.length > 0) tg.pressForged(user, target, random.pick(known));
          else tg.pressForged(user, target, forgedCallbackData(random, known));
        } else if (roll < 0.7)
          tg.sendPhoto(user, garbageBytes(random), random.chance(0.5) ? oddText(random, 200) : undefined);
        else if (roll < 0.77)
          tg.sendVoice(user, garbageBytes(random), { duration: random.pick([0, 1, 5, 3_600, 86_400]) });
        else if (roll < 0.8)
          tg.sendDocument(user, garbageBytes(random), {
            file_name: documentName(random),
            mime_type: random.pick(["application/pdf", "image/png", "audio/ogg", "x/junk"]),
          });
        else if (roll < 0.88) {
          const earlier = sent.get(user.id)?.filter((m) => "text" in m);
          if (earlier === undefined || earlier.length === 0) return void tg.sendText(user, randomText(random));
          const edited = {
            ...random.pick(earlier),
            text: randomText(random),
            edit_date: Math.floor(Date.now() / 1000),
          };
          tg.injectUpdate({ edited_message: edited as Update["edited_message"] });
        } else if (roll < 0.93) {
          const chat = { id: -1_001_234_567_890, type: "channel" as const, title: oddText(random, 20) };
          const post = {
            message_id: random.int(1, 1e6),
            date: Math.floor(Date.now() / 1000),
            chat,
            text: randomText(random),
          };
          tg.injectUpdate(
            random.chance(0.5) ? { channel_post: post } : { edited_channel_post: { ...post, edit_date: post.date } },
          );
        } else {
          // Kinds the bot does not know, or newer than its types.
          const kind = random.pick([
            "future_update_kind",
            "message_reaction",
            "poll",
            "chat_boost",
            "business_message",
          ]);
          tg.injectUpdate({ [kind]: { id: String(random.int(1, 1e9)), junk: oddText(random, 30) } } as Omit<
            Update,
            "update_id"
          >);
        }
      };

      for (const user of users) await say(tg, user, "/start");
      for (let fed = 0; fed < UPDATES; fed += WAVE) {
        const known = dataSeen();
        pressesThisWave.clear();
        for (let i = 0; i < WAVE; i++) act(random.pick(users), known);
        await tg.waitFor(
          () => tg.pendingUpdates().length === 0 && tg.unansweredCallbackQueries().length === 0,
          60_000,
          `the bot took wave ${fed / WAVE} and answered its buttons`,
        );
      }

      // Alive and answering: every user still gets their balance.
      for (const user of users) expect(await balanceOf(tg, user)).toBeGreaterThanOrEqual(0);
      expect(stack.bot.output()).not.toMatch(/"level":(50|60)/);
      await tg.expectClean();
      // The victim did nothing: nothing of theirs changed, nothing new reached their chat.
      expect(await snapshotOf(stack, victim.id)).toEqual(victimBefore);
      expect(JSON.stringify(tg.messages(victim.id))).toBe(victimMessages);
    } catch (error) {
      if (error instanceof Error) error.message = `[fuzz seed ${SEED}; replay with FUZZ_SEED=${SEED}] ${error.message}`;
      throw error;
    }
  }, 180_000);
});
