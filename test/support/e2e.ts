import { type BotProcess, startBotProcess, tempDatabaseUrl } from "./bot-process.js";
import { startTelegramEmulator } from "./telegram/emulator.js";
import type { EmulatorOptions, TgUser } from "./telegram/types.js";

export type Emulator = Awaited<ReturnType<typeof startTelegramEmulator>>;

export interface Stack {
  tg: Emulator;
  bot: BotProcess;
  env: Record<string, string>;
  /** Starts the bot again on the same database (after `bot.kill()` or `bot.stop()`). */
  restart(): Promise<BotProcess>;
  close(): Promise<void>;
}

export const ADMIN_ID = 900_001;

/** A Telegram user for tests; each test gets its own id so chats never mix. */
export function testUser(id: number, language_code = "en"): TgUser {
  return { id, first_name: `User${id}`, language_code };
}

/** The emulator plus the real bot process, configured only through the environment. */
export async function startStack(
  providerEnv: Record<string, string>,
  extraEnv: Record<string, string> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<Stack> {
  const tg = await startTelegramEmulator(emulatorOptions);
  const env = {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATABASE_URL: tempDatabaseUrl(),
    ADMIN_IDS: String(ADMIN_ID),
    DEFAULT_LOCALE: "en",
    // One instance slot: a restart of it (after a kill) resumes its own leased jobs at once.
    INSTANCE_ID: `e2e-${tg.token.split(":")[0]}-${process.pid}`,
    ...providerEnv,
    ...extraEnv,
  };
  const stack: Stack = {
    tg,
    env,
    bot: await startBotProcess(env),
    async restart() {
      stack.bot = await startBotProcess(env);
      return stack.bot;
    },
    async close() {
      await stack.bot.stop();
      await tg.close();
    },
  };
  return stack;
}

/** Sends a command or text and waits for the bot's next new message in that chat. */
export async function say(tg: Emulator, user: TgUser, text: string, match?: (content: string) => boolean) {
  const after = tg.lastBotMessage(user.id)?.message_id ?? 0;
  tg.sendText(user, text);
  return tg.waitForBotMessage(user.id, (m) => m.message_id > after && (match ? match(m.content) : true));
}

/** The balance total shown by /balance. */
export async function balanceOf(tg: Emulator, user: TgUser): Promise<number> {
  const message = await say(tg, user, "/balance", (c) => /Balance|Баланс/.test(c));
  const total = message.content.match(/(?:Balance|Баланс): (\d[\d\s,]*)/)?.[1];
  if (total === undefined) throw new Error(`no balance in: ${message.content}`);
  return Number(total.replace(/[\s,]/g, ""));
}
