import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { selectTextModel } from "../support/text-model.js";

describe("Stop under a streaming answer end to end", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply("A full answer.");
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("states the Stop rules on the text model card", async () => {
    const { tg } = stack;
    const user = testUser(9301);
    await say(tg, user, "/start");
    const card = await selectTextModel(tg, user, "gpt-5-nano");
    expect(card.content).toMatch(/stopped before any text — free; stopped later — the part written so far stays/);
  });

  it("stopped before any text: the upstream request ends, nothing is charged", async () => {
    const { tg } = stack;
    const user = testUser(9302);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    const requests = openai.chatBodies().length;
    const hang = openai.hangNext();
    const after = tg.lastBotMessage(user.id)?.message_id ?? 0;
    tg.sendText(user, "think for a long time");
    // The placeholder draft carries the Stop button before any text exists.
    const draft = await tg.waitFor(() => tg.drafts.find((d) => d.chat_id === user.id && d.can_stop));
    await tg.waitFor(() => openai.chatBodies().length > requests, 10_000, "the chat request reaching the fake");
    tg.stopGeneration(user, draft.draft_id);
    await hang.closed;

    const note = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && /Stopped/.test(m.content));
    expect(note.content).toMatch(/No tokens were taken/);
    expect(tg.messages(user.id).filter((m) => m.message_id > after && m.kind === "rich")).toEqual([]);
    expect(await balanceOf(tg, user)).toBe(50);
    await tg.expectClean();
  });

  it("stopped after some text: the partial answer is kept, marked stopped, and charged once", async () => {
    const { tg } = stack;
    const user = testUser(9303);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    const hang = openai.hangNext("Cats sleep **a lot**, about");
    const after = tg.lastBotMessage(user.id)?.message_id ?? 0;
    tg.sendText(user, "tell me about cats");
    const draft = await tg.waitFor(() =>
      tg.drafts.find((d) => d.chat_id === user.id && d.can_stop && d.text.includes("Cats sleep")),
    );
    tg.stopGeneration(user, draft.draft_id);
    await hang.closed;

    const kept = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.content.includes("Cats sleep"));
    expect(kept.kind).toBe("rich");
    expect(kept.markdown).toContain("Cats sleep **a lot**, about");
    expect(kept.markdown).toMatch(/<footer>⏹ Stopped — gpt-5-nano · 1 🪙 · balance: 49 🪙<\/footer>$/);
    expect(await balanceOf(tg, user)).toBe(49);
    // The next answer runs normally and costs its own price: the stop was charged once.
    const next = await say(tg, user, "and dogs?", (c) => c.includes("A full answer."));
    expect(next.content).not.toMatch(/Stopped/);
    expect(await balanceOf(tg, user)).toBe(48);
    await tg.expectClean();
  });
});
