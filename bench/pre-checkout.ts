import { say, testUser } from "../test/support/e2e.js";
import type { ApiCall } from "../test/support/telegram/emulator.js";
import { startBenchStack } from "./bot-stack.js";
import { watchCalls } from "./call-watcher.js";
import { cpuNs, quantile } from "./process-stats.js";

const CHATTERS = 200;
/** The Starter plan allows 20 requests an hour; later messages are /balance. */
const PROMPTS_EACH = 15;
const SAMPLES = 100;

const replied = (call: ApiCall) => call.method === "sendMessage" || call.method === "sendRichMessage";

/**
 * How long answerPreCheckoutQuery takes while 200 users chat (prompts to a text model, then
 * /balance): pre-checkout queries one after another, each timed by the emulator from the update
 * being queued to the bot's answer.
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
    const load = Promise.all(
      chatters.map(async (user) => {
        for (let i = 0; chatting; i++) {
          const reply = calls.next(user.id, (call) => replied(call) && !call.method.includes("Draft"));
          tg.sendText(user, i < PROMPTS_EACH ? `question ${i}` : "/balance");
          await reply;
          chatted++;
        }
      }),
    );
    // Let the chat reach full load before the first payment.
    while (chatted < CHATTERS) await new Promise((resolve) => setTimeout(resolve, 20));
    const samples: number[] = [];
    const cpu0 = { bot: cpuNs(stack.bot.pid), at: Date.now() };
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
    const during = chatted;
    const busy = (cpuNs(stack.bot.pid) - cpu0.bot) / 1e6 / (Date.now() - cpu0.at);
    await load;
    const ms = (q: number) => `${quantile(samples, q).toFixed(0)} ms`;
    return [
      `pre-checkout while ${CHATTERS} users chat: p50 ${ms(0.5)}, p99 ${ms(0.99)}, max ${ms(1)} ` +
        `(${SAMPLES} queries${declined ? `, ${declined} declined` : ""}; ${during} chat replies meanwhile, ` +
        `the bot busy ${(busy * 100).toFixed(0)}% of a core)`,
    ];
  } finally {
    chatting = false;
    calls.stop();
    await stack.close();
  }
}
