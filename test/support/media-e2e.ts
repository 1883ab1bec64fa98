import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { cb } from "../../src/bot/callback-data.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { getPlan } from "../../src/catalog/plans.js";
import type { ModelKind, PlanId } from "../../src/catalog/types.js";
import { systemClock } from "../../src/clock.js";
import { openStorage } from "../../src/storage/database.js";
import { IN_FLIGHT } from "../../src/storage/generations-repository.js";
import { type Stack, say } from "./e2e.js";
import { eventually } from "./eventually.js";
import type { BotMessage, TgUser } from "./telegram/types.js";

/** The menu's category buttons as the English locale labels them. */
const CATEGORY: Record<ModelKind, string> = {
  text: "💬 Text",
  image: "🖼 Images",
  video: "🎬 Video",
  music: "🎵 Music",
  tts: "🗣 Text to speech",
  stt: "📝 Speech to text",
  audio: "🎧 Audio tools",
  tool: "🛠 Image tools",
};

const catalog = createCatalog();

/** What these helpers use of a stack: the emulator and the bot's environment (one instance or several). */
export type StackView = Pick<Stack, "tg" | "env">;

/**
 * Puts the user on a paid plan (all 52 models, plenty of tokens), as a Stars payment would: a real
 * plan cycle in the bot's own database, not a mock. The user must have sent /start first.
 */
export async function givePlan(stack: StackView, userId: number, plan: PlanId = "elite"): Promise<void> {
  const storage = openStorage(stack.env.DATABASE_URL ?? "");
  try {
    const ledger = createLedger(storage, systemClock);
    const accounts = createAccounts(storage, ledger, systemClock, getPlan);
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    await accounts.startCycle({ userId, plan: getPlan(plan), expiresAt, chargeId: `test-plan-${userId}-${plan}` });
  } finally {
    await storage.close();
  }
}

/** /models → category → model: returns the model card (the same message, edited), now selected. */
export async function selectModel(stack: StackView, user: TgUser, slug: string): Promise<BotMessage> {
  const { tg } = stack;
  const kind = catalog.get(slug).kind;
  const menu = await say(tg, user, "/models", (c) => /Choose a category/.test(c));
  tg.clickButtonByText(user, menu, CATEGORY[kind]);
  // Buttons show display names; the callback names the product.
  const data = cb.model.pack({ slug });
  const list = await tg.waitFor(() => {
    const m = tg.messages(user.id).find((x) => x.message_id === menu.message_id);
    return m?.buttons.some((b) => b.callback_data === data) ? m : undefined;
  });
  tg.clickButton(user, list, data);
  return tg.waitFor(
    () => {
      const m = tg.messages(user.id).find((x) => x.message_id === menu.message_id);
      return m && /Selected/.test(m.content) ? m : undefined;
    },
    10_000,
    `the card of ${slug}`,
  );
}

/** The latest bot message after `after` that carries a Confirm button: a quote. */
export function waitForQuote(stack: StackView, user: TgUser, after: number): Promise<BotMessage> {
  return stack.tg.waitForBotMessage(
    user.id,
    (m) => m.message_id > after && m.buttons.some((b) => /Confirm/.test(b.text)),
  );
}

/** The price a quote asks for ("This request costs N"). */
export function quotedPrice(quote: BotMessage): number {
  const price = /costs (\d+)/.exec(quote.content)?.[1];
  if (price === undefined) throw new Error(`no price in quote: ${quote.content}`);
  return Number(price);
}

/** Sends a prompt, waits for its quote and confirms it; returns the quote and its price. */
export async function promptAndConfirm(stack: StackView, user: TgUser, prompt: string) {
  const after = lastId(stack, user);
  stack.tg.sendText(user, prompt);
  return confirmNextQuote(stack, user, after);
}

/** Waits for the next quote after message `after` and presses Confirm. */
export async function confirmNextQuote(stack: StackView, user: TgUser, after: number) {
  const quote = await waitForQuote(stack, user, after);
  stack.tg.clickButtonByText(user, quote, /Confirm/);
  return { quote, price: quotedPrice(quote) };
}

export function lastId(stack: StackView, user: TgUser): number {
  return stack.tg.lastBotMessage(user.id)?.message_id ?? 0;
}

/** The bot's media messages in the chat after `after`, of one kind. */
export function mediaAfter(stack: StackView, user: TgUser, after: number, kind: BotMessage["kind"]): BotMessage[] {
  return stack.tg.messages(user.id).filter((m) => m.message_id > after && m.kind === kind);
}

/** Ledger facts of one generation's hold, read from the bot's database. */
export async function holdOf(stack: StackView, generationId: number) {
  const storage = openStorage(stack.env.DATABASE_URL ?? "");
  try {
    const key = `gen:${generationId}`;
    const hold = await storage.db.selectFrom("holds").selectAll().where("key", "=", key).executeTakeFirst();
    const entries = await storage.db.selectFrom("ledger_entries").selectAll().where("hold_key", "=", key).execute();
    return { hold, entries };
  } finally {
    await storage.close();
  }
}

/**
 * The user's generation rows once none is in flight: a result reaches the chat a moment before its
 * hold is captured, so a test that reads the row as soon as the message arrives waits for this.
 */
export async function settledGenerationsOf(stack: StackView, userId: number, timeoutMs = 20_000) {
  return eventually(
    async () => {
      const rows = await generationsOf(stack, userId);
      return rows.every((row) => !(IN_FLIGHT as readonly string[]).includes(row.status)) && rows;
    },
    `no generation of ${userId} in flight`,
    { timeoutMs },
  );
}

/** The user's generation rows, oldest first. */
export async function generationsOf(stack: StackView, userId: number) {
  const storage = openStorage(stack.env.DATABASE_URL ?? "");
  try {
    return await storage.db.selectFrom("generations").selectAll().where("user_id", "=", userId).orderBy("id").execute();
  } finally {
    await storage.close();
  }
}
