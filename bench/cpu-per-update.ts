import type { BotProcess } from "../test/support/bot-process.js";
import { testUser } from "../test/support/e2e.js";
import type { ApiCall, TelegramEmulator, TgUser } from "../test/support/telegram/emulator.js";
import { startBenchStack, startEchoStack } from "./bot-stack.js";
import { watchCalls } from "./call-watcher.js";
import { cpuNs, cpuSettled } from "./process-stats.js";

/** How many users write at once, and how many messages each sends in the measured round. */
const USERS = 20;
const PER_USER = { echo: 25, balance: 25, prompt: 15 };

const isSend = (call: ApiCall) => call.method === "sendMessage";
/** The answer itself (not a draft): its footer names the price. */
const isAnswer = (call: ApiCall) => call.method === "sendRichMessage" && JSON.stringify(call.params).includes("🪙");

/**
 * Each user sends `perUser` messages, the next one after the bot's reply to the last; returns the
 * bot's CPU time per update, from the first message until the bot is quiet again (so work after
 * the reply, such as the capture of a paid answer, is counted).
 */
async function cpuPerUpdate(
  tg: TelegramEmulator,
  bot: BotProcess,
  users: TgUser[],
  perUser: number,
  text: string,
  replied: (call: ApiCall) => boolean,
): Promise<number> {
  const calls = watchCalls(tg);
  try {
    await cpuSettled(bot.pid);
    const before = cpuNs(bot.pid);
    await Promise.all(
      users.map(async (user) => {
        for (let i = 0; i < perUser; i++) {
          const reply = calls.next(user.id, replied);
          tg.sendText(user, text);
          await reply;
        }
      }),
    );
    await cpuSettled(bot.pid);
    return (cpuNs(bot.pid) - before) / (users.length * perUser);
  } finally {
    calls.stop();
  }
}

const users = (from: number) => Array.from({ length: USERS }, (_, i) => testUser(from + i));
const us = (ns: number) => `${(ns / 1000).toFixed(0)} µs`;

/** CPU time per update of the real bot, against a bare grammY echo bot on the same emulator. */
export async function runCpuBench(): Promise<string[]> {
  const echo = await startEchoStack();
  let echoNs: number;
  try {
    await cpuPerUpdate(echo.tg, echo.bot, users(10_000), 2, "warm up", isSend);
    echoNs = await cpuPerUpdate(echo.tg, echo.bot, users(10_000), PER_USER.echo, "hello", isSend);
  } finally {
    await echo.close();
  }

  const stack = await startBenchStack();
  let balanceNs: number;
  let promptNs: number;
  try {
    const people = users(20_000);
    // Warm up: accounts are made on first contact, and the code paths are compiled.
    await cpuPerUpdate(stack.tg, stack.bot, people, 2, "/balance", isSend);
    balanceNs = await cpuPerUpdate(stack.tg, stack.bot, people, PER_USER.balance, "/balance", isSend);
    // The Starter plan allows 20 requests an hour: 2 to warm up and 15 measured.
    await cpuPerUpdate(stack.tg, stack.bot, people, 2, "hi", isAnswer);
    promptNs = await cpuPerUpdate(stack.tg, stack.bot, people, PER_USER.prompt, "hi", isAnswer);
  } finally {
    await stack.close();
  }
  const ratio = (ns: number) => `${(ns / echoNs).toFixed(1)}× echo`;
  return [
    `CPU per update: echo bot ${us(echoNs)} (${USERS} users writing at once)`,
    `CPU per update: /balance ${us(balanceNs)} = ${ratio(balanceNs)}`,
    `CPU per update: 1-token prompt (quote → hold → run → deliver → capture) ${us(promptNs)} = ${ratio(promptNs)}`,
  ];
}
