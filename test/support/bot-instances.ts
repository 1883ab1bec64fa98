import { randomBytes } from "node:crypto";
import pg from "pg";
import { type BotProcess, dropTempPostgres, listeningPort, startBotProcess, tempPostgresUrl } from "./bot-process.js";
import { ADMIN_ID, type Emulator } from "./e2e.js";
import { eventually } from "./eventually.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "./round-robin-proxy.js";
import { startTelegramEmulator } from "./telegram/emulator.js";

/** One bot process of a set, with its lease name and its own HTTP port (`/metrics`). */
export interface Instance {
  name: string;
  /** Its `INSTANCE_ID`: what it writes in `lease_owner`. */
  owner: string;
  bot: BotProcess;
  port: number;
  metrics(): Promise<string>;
}

/** Several instances of the bot on one PostgreSQL database, in webhook mode behind a round-robin proxy. */
export interface Instances {
  tg: Emulator;
  proxy: RoundRobinProxy;
  /** What every instance shares (each adds its own `INSTANCE_ID`). */
  env: Record<string, string>;
  list: Instance[];
  /** Starts one more instance and puts it in the proxy's rotation once it is up. */
  start(name: string): Promise<Instance>;
  /** The instance whose name is in the job's `lease_owner` now, if any. */
  ownerOf(generationId: number): Promise<Instance | undefined>;
  close(): Promise<void>;
}

const HOOK_PATH = "/telegram/hook";

/** Requires PostgreSQL: several instances on SQLite is not a supported set-up. */
export function postgresForInstances(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("several instances need PostgreSQL: set TEST_DATABASE_URL (.ci/run sets it)");
  return url;
}

/**
 * The emulator (delivering webhooks to the proxy, as Telegram reaches the TLS terminator of the
 * registered HTTPS URL), the proxy, and a fresh PostgreSQL schema; instances are started by `start`.
 */
export async function startInstances(providerEnv: Record<string, string>): Promise<Instances> {
  const proxy = await startRoundRobinProxy();
  const tg = await startTelegramEmulator({ webhookTarget: `${proxy.origin}${HOOK_PATH}` });
  const env: Record<string, string> = {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATABASE_URL: await tempPostgresUrl(postgresForInstances()),
    ADMIN_IDS: String(ADMIN_ID),
    DEFAULT_LOCALE: "en",
    BOT_MODE: "webhook",
    WEBHOOK_URL: `https://bot.example.test${HOOK_PATH}`,
    WEBHOOK_SECRET: "several_instances",
    ...providerEnv,
  };
  const list: Instance[] = [];
  const tail = randomBytes(3).toString("hex");

  return {
    tg,
    proxy,
    env,
    list,
    async start(name) {
      const owner = `${name}-${tail}`;
      const bot = await startBotProcess({ ...env, INSTANCE_ID: owner }, 60_000);
      const port = listeningPort(bot.output());
      const instance: Instance = {
        name,
        owner,
        bot,
        port,
        metrics: async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(),
      };
      list.push(instance);
      proxy.add(name, port);
      return instance;
    },
    async ownerOf(generationId) {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query("select lease_owner from generations where id = $1", [generationId]);
        return list.find((i) => i.owner === rows[0]?.lease_owner);
      } finally {
        await client.end();
      }
    },
    async close() {
      await Promise.all(list.map((i) => i.bot.stop()));
      await tg.close();
      await proxy.close();
      await dropTempPostgres(env.DATABASE_URL ?? "");
    },
  };
}

/** Waits until `check` (a database read, say) holds; fails naming `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  await eventually(check, what, { timeoutMs, everyMs: 100 });
}

/** The value of the first Prometheus sample line matching `pattern` in a scrape; 0 when there is none. */
export function sample(metrics: string, pattern: RegExp): number {
  const line = metrics.split("\n").find((l) => pattern.test(l));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}
