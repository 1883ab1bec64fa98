import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createAccounts } from "../../src/billing/accounts.js";
import { createLedger } from "../../src/billing/ledger.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { createManualClock } from "../../src/clock.js";
import { createGenerationEngine } from "../../src/generation/engine.js";
import { createOutputRouter } from "../../src/generation/output-router.js";
import type { JobOutput } from "../../src/generation/types.js";
import type { ChatRequest, Providers } from "../../src/providers/types.js";
import type { Storage } from "../../src/storage/database.js";
import { createGenerationsRepository } from "../../src/storage/generations-repository.js";
import { createMessagesRepository } from "../../src/storage/messages-repository.js";
import { createUsersRepository } from "../../src/storage/users-repository.js";
import { testPlans } from "../support/plans.js";
import { testStorages } from "../support/storage.js";

/** An output that records what reached it, and resolves `delivered` on its first delivery. */
function recordingOutput() {
  const calls: string[] = [];
  let resolve: (text: string) => void = () => {};
  const delivered = new Promise<string>((r) => {
    resolve = r;
  });
  const output: JobOutput = {
    started: async (job) => void calls.push(`started:${job.id}`),
    progress: async (job) => void calls.push(`progress:${job.id}`),
    deliver: async (job, outputs) => {
      calls.push(`deliver:${job.id}`);
      resolve(outputs.map((o) => (o.output.type === "text" ? o.output.text : "")).join(""));
    },
    failed: async (job) => void calls.push(`failed:${job.id}`),
    fetchInput: async () => {
      throw new Error("no inputs here");
    },
  };
  return { output, calls, delivered };
}

describe.each(testStorages())("API jobs in the generation engine on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function setup() {
    storage = await open();
    const clock = createManualClock();
    const now = () => clock.now().getTime();
    const ledger = createLedger(storage, clock);
    const accounts = createAccounts(storage, ledger, clock, (id) => testPlans[id]);
    await accounts.open({ id: 1, chatId: 1, firstName: "A", locale: "en" });
    const asked: ChatRequest[] = [];
    const providers: Providers = {
      configured: () => true,
      chat: () => ({
        chat: async (request) => {
          asked.push(request);
          request.onText?.("Hel");
          return { text: "Hello" };
        },
      }),
      media: () => undefined,
    };
    const telegram = recordingOutput();
    const api = recordingOutput();
    const repo = createGenerationsRepository(storage.db, now);
    const messages = createMessagesRepository(storage.db, now);
    const engine = createGenerationEngine({
      repo,
      ledger,
      accounts,
      catalog: createCatalog(),
      providers,
      messages,
      users: createUsersRepository(storage.db),
      clock,
      logger: pino({ level: "silent" }),
      output: createOutputRouter({ telegram: telegram.output, api: api.output }),
    });
    return { engine, ledger, repo, messages, asked, telegram, api };
  }

  it("runs an API chat job on the client's own messages, delivers it to the API output only, and captures once", async () => {
    const { engine, ledger, repo, messages, asked, telegram, api } = await setup();
    const model = createCatalog().get("gpt-5-nano");
    const conversation = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: "Hi" },
    ];
    const quote = async () =>
      (
        await engine.quote({
          userId: 1,
          chatId: 1,
          model,
          params: {},
          prompt: "Hi",
          origin: "api",
          apiKeyId: 7,
          idempotencyKey: "chat:k1",
          messages: conversation,
        })
      ).job;
    const job = await quote();
    expect(job.origin).toBe("api");
    // A retried request gets the same job, not a second one.
    expect((await quote()).id).toBe(job.id);

    await engine.confirm(job.id, 1);
    await engine.confirm(job.id, 1);
    expect(await api.delivered).toBe("Hello");
    await engine.stop();

    expect(asked).toHaveLength(1);
    expect(asked[0]?.messages).toEqual(conversation);
    expect(telegram.calls).toEqual([]);
    expect(api.calls).toContain(`progress:${job.id}`);
    expect((await repo.get(job.id))?.status).toBe("captured");
    expect((await ledger.balance(1)).total).toBe(49);
    // The bot's conversation history is the chat's, not the API client's.
    expect(await messages.recent(1, 1, 10)).toEqual([]);
    expect(await repo.activeCountForKey(7)).toBe(0);
  });

  it("delivers a job started in the bot to the Telegram output", async () => {
    const { engine, asked, telegram, api } = await setup();
    const { job } = await engine.quote({
      userId: 1,
      chatId: 1,
      model: createCatalog().get("gpt-5-nano"),
      params: {},
      prompt: "Hi",
    });
    expect(job.origin).toBe("telegram");
    await engine.confirm(job.id, 1);
    expect(await telegram.delivered).toBe("Hello");
    await engine.stop();
    expect(api.calls).toEqual([]);
    // In the bot, the system prompt and history frame the prompt.
    expect(asked[0]?.messages.at(0)?.role).toBe("system");
    expect(asked[0]?.messages.at(-1)).toEqual({ role: "user", content: "Hi" });
  });
});
