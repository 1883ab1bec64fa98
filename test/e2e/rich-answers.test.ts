import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { selectTextModel } from "../support/text-model.js";

const TABLE = ["| Model | Price |", "|:------|------:|", "| gpt-5-nano | 1 |", "| claude-haiku-4-5 | 3 |"].join("\n");
const FORMULA = "$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$";
const CODE = ["```ts", "const pick = (a: Array<number>) => (a.length < 2 && a[0] ? a[0] : 0);", "```"].join("\n");
const INLINE_CODE = "Use `Vec<T>` or ``a`<b>`` as typed.";
const ANSWER = [
  "## Prices",
  "",
  "Here they are, and $E = mc^2$ inline:",
  "",
  TABLE,
  "",
  FORMULA,
  "",
  CODE,
  "",
  INLINE_CODE,
  "",
  "Done <really> & well.",
].join("\n");

describe("rich answers end to end", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply(ANSWER);
    stack = await startStack({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("sends a gpt-5-nano answer with a table, a formula and code as one sendRichMessage", async () => {
    const { tg } = stack;
    const user = testUser(9101);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");

    // The stream stalls after its first words, so drafts show them (an answer ready within the
    // first half second goes out as its message alone).
    openai.delayNext(1_000, "text");
    const answer = await say(tg, user, "show me the prices", (c) => c.includes("Prices"));
    expect(answer.kind).toBe("rich");
    const sent = tg.callsOf("sendRichMessage").filter((c) => Number(c.params.chat_id) === user.id);
    expect(sent).toHaveLength(1);
    const markdown = answer.markdown ?? "";
    // Table, formulas and fenced code exactly as the model wrote them.
    expect(markdown).toContain(TABLE);
    expect(markdown).toContain(FORMULA);
    expect(markdown).toContain("$E = mc^2$");
    expect(markdown).toContain(CODE);
    // Inline code shows what is in it: `Vec<T>`, never `Vec&lt;T>`.
    expect(markdown).toContain(INLINE_CODE);
    // Raw HTML the model did not mean as markup is shown as text.
    expect(markdown).toContain("Done &lt;really> &amp; well.");
    expect(answer.content).toContain("Done <really> & well.");
    expect(markdown).toMatch(/<footer>.*1 🪙.*49 🪙<\/footer>$/);
    expect(tg.callsOf("sendMessage").some((c) => String(c.params.text ?? "").includes("Done &lt;really"))).toBe(false);

    // Every draft came as a rich draft with the Stop button.
    const drafts = tg.drafts.filter((d) => d.chat_id === user.id);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.rich && d.can_stop)).toBe(true);
    expect(await balanceOf(tg, user)).toBe(49);
    await tg.expectClean();
  });

  it("keeps a long answer in one message up to the rich limit and splits it between blocks past it", async () => {
    const { tg } = stack;
    const user = testUser(9102);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");
    const paragraph = (n: number) => `Paragraph ${n}: ${"word ".repeat(190)}end ${n}.`;
    // About 10,000 characters: over the 4,096 of a plain message, well within one rich message.
    openai.reply(Array.from({ length: 10 }, (_, i) => paragraph(i)).join("\n\n"));
    const one = await say(tg, user, "long please", (c) => c.includes("Paragraph 0"));
    expect(one.content).toContain("end 9.");
    expect(tg.callsOf("sendRichMessage").filter((c) => Number(c.params.chat_id) === user.id)).toHaveLength(1);

    // About 40,000 characters: two messages, each cut where a paragraph ends.
    const before = tg.lastBotMessage(user.id)?.message_id ?? 0;
    openai.reply(Array.from({ length: 40 }, (_, i) => paragraph(i)).join("\n\n"));
    tg.sendText(user, "longer please");
    await tg.waitForBotMessage(user.id, (m) => m.message_id > before && m.content.includes("end 39."), 20_000);
    const parts = tg.messages(user.id).filter((m) => m.message_id > before && m.kind === "rich");
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(Array.from(part.markdown ?? "").length).toBeLessThanOrEqual(32_768);
      expect(part.markdown).toMatch(/^Paragraph \d+: /);
    }
    expect(parts[0]?.markdown).toMatch(/end \d+\.$/);
    expect(parts[1]?.markdown).toMatch(/<footer>.*<\/footer>$/);
    openai.reply(ANSWER);
    await tg.expectClean();
  }, 30_000);
});

describe("rich answers against a Bot API server without rich messages", () => {
  let openai: OpenAiFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.reply(ANSWER);
    stack = await startStack(
      { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl },
      {},
      { richMethods: false },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
  });

  it("falls back to valid HTML after the first 404 and does not ask for rich methods again", async () => {
    const { tg } = stack;
    const user = testUser(9201);
    await say(tg, user, "/start");
    await selectTextModel(tg, user, "gpt-5-nano");

    const first = await say(tg, user, "show me the prices", (c) => c.includes("Prices"));
    expect(first.kind).toBe("text");
    expect(first.entities?.some((e) => e.type === "bold")).toBe(true);
    expect(first.content).toContain("Done <really> & well.");
    expect(first.content).toMatch(/1 🪙 · balance: 49/);
    const richCalls = () => tg.callsOf("sendRichMessage").length + tg.callsOf("sendRichMessageDraft").length;
    expect(tg.calls.filter((c) => c.method.startsWith("sendRich")).every((c) => c.error_code === 404)).toBe(true);
    expect(richCalls()).toBe(1);

    openai.delayNext(1_000, "text");
    const second = await say(tg, user, "again", (c) => c.includes("Prices"));
    expect(second.kind).toBe("text");
    expect(richCalls()).toBe(1);
    // Plain drafts keep the Stop button.
    const drafts = tg.drafts.filter((d) => d.chat_id === user.id);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => !d.rich && d.can_stop)).toBe(true);
    await tg.expectClean();
  });
});
