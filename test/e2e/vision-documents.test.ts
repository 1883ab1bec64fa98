import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../support/documents.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type AnthropicFake, startAnthropicFake } from "../support/fakes/anthropic-fake.js";
import { PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import type { TgUser } from "../support/telegram/types.js";
import { selectTextModel } from "../support/text-model.js";

const PNG_BASE64 = PNG_1X1.toString("base64");

describe("photos and documents sent to text models", () => {
  let openai: OpenAiFake;
  let anthropic: AnthropicFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    anthropic = await startAnthropicFake();
    stack = await startStack({
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.baseUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
    await anthropic?.close();
  });

  /** The next bot message in the chat that matches, after the last one seen now. */
  function nextMessage(user: TgUser, match: RegExp) {
    const after = stack.tg.lastBotMessage(user.id)?.message_id ?? 0;
    return () => stack.tg.waitForBotMessage(user.id, (m) => m.message_id > after && match.test(m.content), 20_000);
  }

  function lastOpenAiTurn() {
    return openai.chatBodies().at(-1)?.messages.at(-1);
  }

  it("a captioned photo to GPT reaches OpenAI as an image_url part and is answered for the usual price", async () => {
    const { tg } = stack;
    const user = testUser(9501);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    const answer = nextMessage(user, /🪙/);
    tg.sendPhoto(user, PNG_1X1, "What is in this picture?");
    expect((await answer()).content).toMatch(/1 🪙 · balance: 49/);
    expect(lastOpenAiTurn()?.content).toEqual([
      { type: "text", text: "What is in this picture?" },
      { type: "image_url", image_url: { url: `data:image/jpeg;base64,${PNG_BASE64}` } },
    ]);
    expect(await balanceOf(tg, user)).toBe(49);
    await tg.expectClean();
  }, 60_000);

  it("a photo without a caption to Claude waits for the question, then reaches Anthropic as a base64 image block", async () => {
    const { tg } = stack;
    const user = testUser(9502);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "claude-haiku-4.5");
    const ask = nextMessage(user, /Photo received/);
    tg.sendPhoto(user, PNG_1X1);
    await ask();
    expect(anthropic.requests.filter((r) => r.path === "/v1/messages")).toHaveLength(0);
    const answer = await say(tg, user, "Describe it", (c) => c.includes("🪙"));
    expect(answer.content).toMatch(/Echo from/);
    const body = anthropic.requests.filter((r) => r.path === "/v1/messages").at(-1)?.json as {
      messages: { role: string; content: unknown }[];
    };
    expect(body.messages.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "image", source: { type: "base64", media_type: "image/jpeg", data: PNG_BASE64 } },
        { type: "text", text: "Describe it" },
      ],
    });
    await tg.expectClean();
  }, 60_000);

  it("a .txt with a caption and a .md answered after the question are read as context", async () => {
    const { tg } = stack;
    const user = testUser(9503);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    let answer = nextMessage(user, /🪙/);
    tg.sendDocument(user, Buffer.from("Shopping list:\n- milk\n- bread\n"), {
      file_name: "list.txt",
      mime_type: "text/plain",
      caption: "What do I need to buy?",
    });
    await answer();
    let turn = String(lastOpenAiTurn()?.content);
    expect(turn).toContain("list.txt");
    expect(turn).toContain("- milk\n- bread");
    expect(turn).toMatch(/What do I need to buy\?$/);

    const ask = nextMessage(user, /File received/);
    tg.sendDocument(user, Buffer.from("# Notes\n\nThe meeting is on *Tuesday*."), {
      file_name: "notes.md",
      mime_type: "application/octet-stream",
    });
    await ask();
    answer = nextMessage(user, /🪙/);
    tg.sendText(user, "When is the meeting?");
    await answer();
    turn = String(lastOpenAiTurn()?.content);
    expect(turn).toContain("The meeting is on *Tuesday*.");
    expect(turn).toMatch(/When is the meeting\?$/);
    expect(await balanceOf(tg, user)).toBe(48);
    await tg.expectClean();
  }, 60_000);

  it("a PDF's text reaches the model", async () => {
    const { tg } = stack;
    const user = testUser(9504);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    const answer = nextMessage(user, /🪙/);
    tg.sendDocument(user, minimalPdf("Quarterly revenue was 42 million"), {
      file_name: "report.pdf",
      mime_type: "application/pdf",
      caption: "Summarize",
    });
    await answer();
    const turn = String(lastOpenAiTurn()?.content);
    expect(turn).toContain("Quarterly revenue was 42 million");
    expect(turn).not.toContain("%PDF");
    await tg.expectClean();
  }, 60_000);

  it("refuses a file over 2 MB before quoting and a text over 100,000 characters without a charge", async () => {
    const { tg } = stack;
    const user = testUser(9505);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    const requestsBefore = openai.chatBodies().length;

    const tooLarge = nextMessage(user, /too large/);
    tg.sendDocument(user, Buffer.alloc(2 * 1024 * 1024 + 1, "a"), {
      file_name: "big.txt",
      mime_type: "text/plain",
      caption: "Read this",
    });
    expect((await tooLarge()).content).toMatch(/up to 2 MB and 100,000 characters/);

    const tooLong = nextMessage(user, /too long/);
    tg.sendDocument(user, Buffer.alloc(150_000, "b"), {
      file_name: "long.txt",
      mime_type: "text/plain",
      caption: "Read this",
    });
    expect((await tooLong()).content).toMatch(/up to 100,000 characters.*Nothing was charged/);
    expect(openai.chatBodies().length).toBe(requestsBefore);
    expect(await balanceOf(tg, user)).toBe(50);
    await tg.expectClean();
  }, 60_000);
});
