import { createAccounts } from "../src/billing/accounts.js";
import { createLedger } from "../src/billing/ledger.js";
import { getPlan } from "../src/catalog/plans.js";
import { systemClock } from "../src/clock.js";
import { openStorage } from "../src/storage/database.js";
import { say, testUser } from "../test/support/e2e.js";
import type { ApiCall } from "../test/support/telegram/emulator.js";
import { startBenchStack } from "./bot-stack.js";
import { watchCalls } from "./call-watcher.js";
import { cpuNs, quantile } from "./process-stats.js";

const CHATTERS = 200;
const SAMPLES = 100;

const replied = (call: ApiCall) => call.method === "sendMessage" || call.method === "sendRichMessage";

/** Puts the users on the Elite plan (no hourly limit), as a Stars payment would, in the bot's database. */
async function giveElite(databaseUrl: string, userIds: number[]): Promise<void> {
  const storage = openStorage(databaseUrl);
  try {
    const accounts = createAccounts(storage, createLedger(storage, systemClock), systemClock, getPlan);
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    for (const userId of userIds)
      await accounts.startCycle({ userId, plan: getPlan("elite"), expiresAt, chargeId: `bench-${userId}` });
  } finally {
    await storage.close();
  }
}

/**
 * How long answerPreCheckoutQuery takes while 200 users chat (each, in turn, a 1-token prompt and
 * /balance, the next message as soon as the last is answered): pre-checkout queries one after
 * another, each timed by the emulator from the update being queued to the bot's answer.
 */
export async function runPreCheckoutBench(): Promise<string[]> {
  const stack = await startBenchStack();
  const { tg } = stack;
  const calls = watchCalls(tg);
  let chatting = true;
  let chatted = 0;
  try {
    const payer = testUser(40_000);
    const buy = await say(tg, payer, "/buy", (c) => /Token packages/.test(c));
    const pack = buy.buttons.find((b) => b.callback_data !== undefined && / · /.test(b.text));
    if (pack?.callback_data === undefined) throw new Error(`no package button on /buy: ${buy.content}`);
    tg.clickButton(payer, buy, pack.callback_data);
    const invoice = (await tg.waitForBotMessage(payer.id, (m) => m.kind === "invoice")).invoice!;

    const chatters = Array.from({ length: CHATTERS }, (_, i) => testUser(41_000 + i));
    await Promise.all(chatters.map((user) => say(tg, user, "/start")));
    await giveElite(stack.env.DATABASE_URL ?? "", [...chatters.map((u) => u.id)]);
    const load = Promise.all(
      chatters.map(async (user) => {
        for (let i = 0; chatting; i++) {
          const reply = calls.next(user.id, (call) => replied(call) && !call.method.includes("Draft"));
          tg.sendText(user, i % 2 === 0 ? `question ${i}` : "/balance");
          await reply;
          chatted++;
        }
      }),
    );
    // Let the chat reach full load before the first payment.
    while (chatted < CHATTERS) await new Promise((resolve) => setTimeout(resolve, 20));
    const samples: number[] = [];
    const from = { cpu: cpuNs(stack.bot.pid), at: Date.now(), chatted };
    let declined = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const result = await tg.preCheckout(payer, {
        currency: invoice.currency,
        total_amount: invoice.total_amount,
        invoice_payload: invoice.payload,
      });
      if (!result.ok) declined++;
      samples.push(result.elapsedMs);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    chatting = false;
    const seconds = (Date.now() - from.at) / 1000;
    const busy = (cpuNs(stack.bot.pid) - from.cpu) / 1e9 / seconds;
    const rate = (chatted - from.chatted) / seconds;
    await load;
    const ms = (q: number) => `${quantile(samples, q).toFixed(0)} ms`;
    return [
      `pre-checkout while ${CHATTERS} users chat: p50 ${ms(0.5)}, p99 ${ms(0.99)}, max ${ms(1)} ` +
        `(${SAMPLES} queries${declined ? `, ${declined} declined` : ""}; ${rate.toFixed(0)} chat replies/s meanwhile, ` +
        `the bot busy ${(busy * 100).toFixed(0)}% of a core)`,
    ];
  } finally {
    chatting = false;
    calls.stop();
    await stack.close();
  }
}
