import { Bot, GrammyError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator, type TgUser } from "../support/telegram/emulator.js";

const ann: TgUser = { id: 3003, first_name: "Ann" };
let emu: TelegramEmulator;

async function start(richMethods?: boolean) {
  emu = await startTelegramEmulator(richMethods === undefined ? {} : { richMethods });
  emu.sendText(ann, "hi");
  return new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
}
afterEach(() => emu.close());

async function failure(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected the call to fail, got ${String(error)}`);
  return error;
}

describe("rich messages", () => {
  it("stores a Markdown rich message with what the reader sees", async () => {
    const bot = await start();
    const markdown = "## Hi\n\n| a | b |\n|---|---|\n| **1** | 2 |\n\n$x^2$ &lt;ok&gt;\n\n<footer>— 1 🪙</footer>";
    const sent = await bot.api.sendRichMessage(ann.id, { markdown });
    const [shown] = emu.messages(ann.id);
    expect(shown?.message_id).toBe(sent.message_id);
    expect(shown?.kind).toBe("rich");
    expect(shown?.markdown).toBe(markdown);
    expect(shown?.content).toContain("<ok>");
    expect(shown?.content).toContain("— 1 🪙");
    expect(shown?.content).not.toContain("**");
    expect(emu.violations).toEqual([]);
  });

  it("enforces the rich limits and the supported HTML", async () => {
    const bot = await start();
    const tooLong = await failure(bot.api.sendRichMessage(ann.id, { markdown: "x".repeat(32_769) }));
    expect(tooLong.description).toBe("Bad Request: RICH_MESSAGE_TOO_LONG");
    await bot.api.sendRichMessage(ann.id, { markdown: "😀".repeat(32_768) });

    const items = (n: number) => Array.from({ length: n }, (_, i) => `- ${i}`).join("\n");
    await bot.api.sendRichMessage(ann.id, { markdown: items(499) });
    const tooMany = await failure(bot.api.sendRichMessage(ann.id, { markdown: items(500) }));
    expect(tooMany.description).toBe("Bad Request: RICH_MESSAGE_TOO_MANY_BLOCKS");

    const wide = `${Array(21).fill("| c ").join("")}|\n${Array(21).fill("|---").join("")}|`;
    expect((await failure(bot.api.sendRichMessage(ann.id, { markdown: wide }))).description).toMatch(/INVALID/);
    expect((await failure(bot.api.sendRichMessage(ann.id, { markdown: "a <b>b" }))).description).toMatch(
      /unclosed tag "b"/,
    );
    expect((await failure(bot.api.sendRichMessage(ann.id, { markdown: "Vec<T> here" }))).description).toMatch(
      /unsupported tag "t"/,
    );
    // Code spans and fences are raw text: nothing in them is a tag.
    await bot.api.sendRichMessage(ann.id, { markdown: "`Vec<T>`\n\n```\na <b> c\n```" });
    const both = await failure(bot.api.sendRichMessage(ann.id, { markdown: "a", html: "<b>a</b>" }));
    expect(both.description).toBe("Bad Request: RICH_MESSAGE_INVALID");
    const thinking = await failure(
      bot.api.sendRichMessage(ann.id, { blocks: [{ type: "thinking", text: "…" }] } as never),
    );
    expect(thinking.description).toBe("Bad Request: RICH_MESSAGE_INVALID");
    expect(emu.violations).toHaveLength(7);
  });

  it("reads code spans as CommonMark does: verbatim inside, any number of backticks, never across a table cell", async () => {
    const bot = await start();
    const markdown = "``a ` <b> c`` and `HashMap<K, V>`, `&nope;`\n\n\\<i> is no tag\n\n- `Vec<T>`";
    await bot.api.sendRichMessage(ann.id, { markdown });
    expect(emu.messages(ann.id).at(-1)?.content).toContain("`HashMap<K, V>`");
    expect(emu.violations).toEqual([]);
    const refused = async (text: string) =>
      (await failure(bot.api.sendRichMessage(ann.id, { markdown: text }))).description;
    // A tag after a code span, or in one a table cell cuts in two, is a tag.
    expect(await refused("`a` <b>`")).toMatch(/unclosed tag "b"/);
    expect(await refused("| `x|<b>` |\n|---|---|")).toMatch(/unclosed tag "b"/);
    // Backticks in its info string: no fence, so what follows is prose.
    expect(await refused("```x`\n<b>\n```")).toMatch(/unclosed tag "b"/);
    // A code span ends with its paragraph.
    expect(await refused("`a\n\n<b>`")).toMatch(/unclosed tag "b"/);
    expect(emu.violations).toHaveLength(4);
  });

  it("records rich drafts and their Stop button, and injects the user's Stop", async () => {
    const bot = await start();
    expect(() => emu.stopGeneration(ann, 5)).toThrow(/no Stop button/);
    await bot.api.sendRichMessageDraft(
      ann.id,
      5,
      { blocks: [{ type: "thinking", text: "Thinking…" }] },
      { can_stop: true },
    );
    await bot.api.sendRichMessageDraft(ann.id, 5, { markdown: "**Part**ial" }, { can_stop: true });
    await bot.api.sendMessageDraft(ann.id, 6, "plain");
    expect(emu.drafts).toMatchObject([
      { draft_id: 5, rich: true, text: "Thinking…", can_stop: true },
      { draft_id: 5, rich: true, text: "Partial", markdown: "**Part**ial", can_stop: true },
      { draft_id: 6, text: "plain", can_stop: false },
    ]);
    const update = emu.stopGeneration(ann, 5);
    expect(update.stopped_message_generation).toEqual({
      chat: expect.objectContaining({ id: ann.id, type: "private" }),
      draft_id: 5,
    });
    const updates = await bot.api.getUpdates({ timeout: 0 });
    expect(updates.map((u) => Object.keys(u).find((k) => k !== "update_id"))).toContain("stopped_message_generation");
    expect(emu.violations).toEqual([]);
  });

  it("can be an older server that answers 404 for rich methods, without a violation", async () => {
    const bot = await start(false);
    const missing = await failure(bot.api.sendRichMessage(ann.id, { markdown: "hi" }));
    expect([missing.error_code, missing.description]).toEqual([404, "Not Found"]);
    const draft = await failure(bot.api.sendRichMessageDraft(ann.id, 1, { markdown: "hi" }));
    expect(draft.error_code).toBe(404);
    await bot.api.sendMessageDraft(ann.id, 1, "hi", { can_stop: true });
    expect(emu.drafts).toMatchObject([{ draft_id: 1, can_stop: true }]);
    expect(emu.violations).toEqual([]);
  });
});
