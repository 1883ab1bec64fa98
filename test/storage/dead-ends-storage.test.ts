import { afterEach, describe, expect, it } from "vitest";
import type { Storage } from "../../src/storage/database.js";
import { createHelpQuestionsRepository } from "../../src/storage/help-questions-repository.js";
import { createKeptPromptsRepository, KEPT_PROMPT_MS } from "../../src/storage/kept-prompts-repository.js";
import { testStorages } from "../support/storage.js";

const HOUR_MS = 60 * 60 * 1000;

describe.each(testStorages())("kept prompts and help-desk questions on $name", ({ open }) => {
  let storage: Storage;
  afterEach(async () => storage?.close());

  async function user(id: number) {
    await storage.db
      .insertInto("users")
      .values({ id, chat_id: id, first_name: `U${id}`, locale: "en", created_at: 1 })
      .execute();
  }

  it("runs a kept prompt once, however many presses race for it", async () => {
    storage = await open();
    await user(1);
    const at = Date.now();
    const a = createKeptPromptsRepository(storage.db, () => at);
    const b = createKeptPromptsRepository(storage.db, () => at);
    await a.keep(1, 10);
    expect((await a.live(1))?.generation_id).toBe(10);
    const claims = await Promise.all([a.claim(1, 10), b.claim(1, 10), a.claim(1, 10)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.live(1)).toBeUndefined();
  });

  it("keeps only the newest prompt, for another user nothing, and nothing past 24 hours", async () => {
    storage = await open();
    await user(1);
    await user(2);
    let at = Date.now();
    const repo = createKeptPromptsRepository(storage.db, () => at);
    await repo.keep(1, 10);
    await repo.keep(1, 11);
    expect((await repo.live(1))?.generation_id).toBe(11);
    expect(await repo.claim(1, 10)).toBe(false);
    expect(await repo.claim(2, 11)).toBe(false);
    at += KEPT_PROMPT_MS;
    expect(await repo.live(1)).toBeUndefined();
    expect(await repo.claim(1, 11)).toBe(false);
  });

  it("allows the limit of questions in a rolling hour and says when the oldest leaves it", async () => {
    storage = await open();
    await user(1);
    await user(2);
    const start = Date.now();
    let at = start;
    const repo = createHelpQuestionsRepository(storage.db, () => at);
    for (let i = 0; i < 3; i++) {
      expect(await repo.take(1, 3)).toEqual({ ok: true });
      at += 1000;
    }
    expect(await repo.check(1, 3)).toEqual({ ok: false, resetsAt: start + HOUR_MS });
    expect(await repo.take(1, 3)).toEqual({ ok: false, resetsAt: start + HOUR_MS });
    expect(await repo.take(2, 3)).toEqual({ ok: true });
    at = start + HOUR_MS;
    expect(await repo.check(1, 3)).toEqual({ ok: true });
    expect(await repo.take(1, 3)).toEqual({ ok: true });
    expect(await repo.take(1, 3)).toEqual({ ok: false, resetsAt: start + 1000 + HOUR_MS });
  });

  it("counts questions asked at once one after the other: never more than the limit", async () => {
    storage = await open();
    await user(1);
    const at = Date.now();
    const a = createHelpQuestionsRepository(storage.db, () => at);
    const b = createHelpQuestionsRepository(storage.db, () => at);
    const slots = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).take(1, 4)));
    expect(slots.filter((s) => s.ok)).toHaveLength(4);
  });
});
