import { Writable } from "node:stream";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { systemClock } from "../../src/clock.js";
import { createGenerationEngine } from "../../src/generation/engine.js";
import type { Failure, JobOutput } from "../../src/generation/types.js";
import { createLogger } from "../../src/logger.js";
import type { ChatProvider, Providers } from "../../src/providers/types.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository, type GenerationsRepository } from "../../src/storage/generations-repository.js";
import { createMessagesRepository } from "../../src/storage/messages-repository.js";
import { createUsersRepository } from "../../src/storage/users-repository.js";
import { testPlans } from "../support/plans.js";

/**
 * The job engine on a real database with an upstream that never answers until cancelled, so
 * confirmed jobs stay in flight while a test looks at their holds.
 */
export async function createEngineHarness(
  storage: Storage,
  options: { userIds?: number[]; wrapRepo?: (repo: GenerationsRepository) => GenerationsRepository } = {},
) {
  const clock = systemClock;
  const now = () => clock.now().getTime();
  const ledger = createLedger(storage, clock);
  const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
  for (const id of options.userIds ?? [1]) await accounts.open({ id, chatId: id, firstName: "U", locale: "en" });
  const catalog = createCatalog();
  const repo = (options.wrapRepo ?? ((r) => r))(createGenerationsRepository(storage.db, now));
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger("info", [], sink);
  const pending = new Set<(error: Error) => void>();
  let closed = false;
  const chat: ChatProvider = {
    chat: ({ signal }) =>
      new Promise((_, reject) => {
        if (closed) return reject(new Error("test over"));
        pending.add(reject);
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      }),
  };
  const providers: Providers = { configured: () => true, chat: () => chat, media: () => undefined };
  const failures: { generation: number; failure: Failure }[] = [];
  const output: JobOutput = {
    started: async () => undefined,
    progress: async () => {},
    deliver: async () => {},
    failed: async (job, failure) => void failures.push({ generation: job.id, failure }),
    fetchInput: async () => {
      throw new Error("no inputs in these tests");
    },
  };
  const engine = createGenerationEngine({
    repo,
    ledger,
    accounts,
    catalog,
    providers,
    messages: createMessagesRepository(storage.db, now),
    users: createUsersRepository(storage.db),
    clock,
    logger,
    output,
  });
  const nano = catalog.get("gpt-5-nano");
  const quote = (userId = options.userIds?.[0] ?? 1, request?: { chatId: number; messageId: number }) =>
    engine.quote({ userId, chatId: userId, model: nano, params: {}, prompt: "hi", request });
  /** Ends every upstream call still waiting (the jobs fail and release), then stops the engine. */
  async function shutdown() {
    closed = true;
    for (const reject of pending) reject(new Error("test over"));
    pending.clear();
    await engine.stop();
  }
  return { engine, ledger, repo, failures, logLines, quote, catalog, shutdown };
}
