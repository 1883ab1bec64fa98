import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type LegNextFake, startLegNextFake } from "../support/fakes/legnext-fake.js";
import { PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { type ReplicateFake, startReplicateFake } from "../support/fakes/replicate-fake.js";
import {
  confirmNextQuote,
  generationsOf,
  givePlan,
  lastId,
  mediaAfter,
  promptAndConfirm,
  selectModel,
} from "../support/media-e2e.js";
import type { BotMessage, TgUser } from "../support/telegram/types.js";

/** Items 3 and 4 of issue 9: a first answer in one step, a photo offer, and actions under results. */
describe("actions under results end to end", () => {
  let openai: OpenAiFake;
  let replicate: ReplicateFake;
  let legnext: LegNextFake;
  let stack: Stack;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    let n = 0;
    openai.replyWith((body) => `Answer ${++n} to: ${String(body.messages.at(-1)?.content)}`);
    replicate = await startReplicateFake();
    legnext = await startLegNextFake();
    stack = await startStack({
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      REPLICATE_API_TOKEN: "r8_test",
      REPLICATE_BASE_URL: replicate.baseUrl,
      MIDJOURNEY_API_KEY: "legnext-test",
      MIDJOURNEY_BASE_URL: legnext.baseUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await Promise.all([openai?.close(), replicate?.close(), legnext?.close()]);
  });

  const botMessagesAfter = (user: TgUser, after: number) =>
    stack.tg.messages(user.id).filter((m) => m.message_id > after);

  /** The one new answer after `after` (the test fails if a second message came with it). */
  async function nextAnswer(user: TgUser, after: number): Promise<BotMessage> {
    const answer = await stack.tg.waitForBotMessage(
      user.id,
      (m) => m.message_id > after && /Answer \d/.test(m.content),
    );
    expect(botMessagesAfter(user, after)).toHaveLength(1);
    return answer;
  }

  /** A new bot process on the same database (the old one finishes its running steps first). */
  async function restart() {
    await stack.bot.stop();
    await stack.restart();
  }

  it("answers a new user's first text with the default model, regenerates at the same price, also after a restart, and continues from a replied answer", async () => {
    const { tg } = stack;
    const user = testUser(7601);

    // No /start, no /models: the first plain message is answered by the cheapest Starter text model.
    tg.sendText(user, "What is a lighthouse?");
    const first = await nextAnswer(user, 0);
    expect(first.content).toContain("to: What is a lighthouse?");
    expect(first.content).toMatch(/gpt-5-nano · 1 🪙 · balance: 49/);
    expect(first.buttons.map((b) => b.text)).toEqual(["🔁 Regenerate · 1 🪙", "🔀 Other model", "🆕 New chat"]);

    let after = lastId(stack, user);
    tg.clickButtonByText(user, first, "🔁 Regenerate · 1 🪙");
    const second = await nextAnswer(user, after);
    expect(second.content).toContain("to: What is a lighthouse?");
    expect(second.content).toMatch(/gpt-5-nano · 1 🪙 · balance: 48/);
    // The same prompt, without the answer it replaces in the context.
    const regenerated = openai.chatBodies().at(-1);
    expect(regenerated?.messages.map((m) => m.content)).not.toContain("Answer 1 to: What is a lighthouse?");
    expect(regenerated?.messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual([
      "What is a lighthouse?",
    ]);

    // The button names a stored job: it still works in a new process.
    await restart();
    after = lastId(stack, user);
    tg.clickButtonByText(user, first, "🔁 Regenerate · 1 🪙");
    const third = await nextAnswer(user, after);
    expect(third.content).toMatch(/gpt-5-nano · 1 🪙 · balance: 47/);

    // A text reply to an answer continues from it: that answer is the context of the new prompt.
    after = lastId(stack, user);
    tg.sendText(user, "and who keeps it?", { replyTo: first.message_id });
    const continued = await nextAnswer(user, after);
    expect(continued.content).toContain("to: and who keeps it?");
    const body = openai.chatBodies().at(-1);
    const contents = body?.messages.map((m) => m.content) ?? [];
    expect(contents.slice(-3)).toEqual([
      "What is a lighthouse?",
      "Answer 1 to: What is a lighthouse?",
      "and who keeps it?",
    ]);
    expect(await balanceOf(tg, user)).toBe(46);

    // On Starter with only OpenAI configured there is no other model to offer: said so, with Plans.
    after = lastId(stack, user);
    tg.clickButtonByText(user, first, "🔀 Other model");
    const none = await tg.waitForBotMessage(user.id, (m) => m.message_id > after);
    expect(none.content).toMatch(/No other text model/);
    expect(none.buttons.map((b) => b.text)).toEqual(["⭐ Plans"]);
    expect(tg.violations).toEqual([]);
    expect(tg.unansweredCallbackQueries()).toEqual([]);
  }, 90_000);

  it("offers priced tools and vision models for a photo with no tool, and a text reply to the result edits that image", async () => {
    const { tg } = stack;
    const user = testUser(7602);
    await say(tg, user, "/start");

    const sent = tg.sendPhoto(user, PNG_1X1, "make it sharper");
    const offer = await tg.waitForBotMessage(user.id, (m) => m.message_id > sent.message_id);
    expect(offer.content).toMatch(/What should I do with this photo/);
    expect(offer.reply_to_message_id).toBe(sent.message_id);
    const labels = offer.buttons.map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["Upscale · 1 🪙", "Inpaint · 3 🪙", "💬 GPT-5 nano · 1 🪙"]));
    // Only what this Starter user can run now: no paid editor, no model of an unconfigured provider.
    expect(labels.some((l) => /FLUX Kontext|Claude|DeepSeek/.test(l))).toBe(false);
    expect(botMessagesAfter(user, sent.message_id)).toHaveLength(1);

    let after = lastId(stack, user);
    tg.clickButtonByText(user, offer, "Upscale · 1 🪙");
    const { price } = await confirmNextQuote(stack, user, after);
    expect(price).toBe(1);
    const result = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    expect(result.buttons.map((b) => b.text)).toEqual([
      "📎 Original file",
      "⬆️ Upscale · 1 🪙",
      "✏️ Edit",
      "🔁 Again · 1 🪙",
    ]);

    after = lastId(stack, user);
    tg.sendText(user, "remove the car", { replyTo: result.message_id });
    const quote = await confirmNextQuote(stack, user, after);
    expect(quote.quote.content).toMatch(/Inpaint/);
    expect(quote.price).toBe(3);
    await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    const edit = replicate.requests.find((r) => r.method === "POST" && r.path.includes("qwen/qwen-image-edit"));
    const input = (edit?.json as { input?: Record<string, unknown> } | undefined)?.input;
    expect(input?.prompt).toBe("remove the car");
    // The image goes up as a Replicate file: its bytes are the result's.
    const uploaded = replicate.uploads.get(String(input?.image));
    expect(result.media?.bytes && uploaded?.bytes.equals(result.media.bytes)).toBe(true);
    const job = (await generationsOf(stack, user.id)).find((g) => g.model === "inpaint");
    expect(JSON.parse(job?.inputs ?? "[]")[0]?.fileId).toBe(result.media?.file_id);

    // ✏️ Edit under the same result: the next text is the editor's instruction, on this image.
    after = lastId(stack, user);
    tg.clickButtonByText(user, result, "✏️ Edit");
    const ask = await tg.waitForBotMessage(user.id, (m) => m.message_id > after);
    expect(ask.content).toMatch(/Inpaint will edit it \(3 🪙/);
    after = lastId(stack, user);
    tg.sendText(user, "add a boat");
    expect((await confirmNextQuote(stack, user, after)).price).toBe(3);
    await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    const second = replicate.requests.filter((r) => r.method === "POST" && r.path.includes("qwen/qwen-image-edit"))[1];
    const secondInput = (second?.json as { input?: Record<string, unknown> } | undefined)?.input;
    expect(secondInput?.prompt).toBe("add a boat");
    const secondUpload = replicate.uploads.get(String(secondInput?.image));
    expect(result.media?.bytes && secondUpload?.bytes.equals(result.media.bytes)).toBe(true);
    const edits = (await generationsOf(stack, user.id)).filter((g) => g.model === "inpaint");
    expect(JSON.parse(edits[1]?.inputs ?? "[]")[0]?.fileId).toBe(result.media?.file_id);
    expect(await balanceOf(tg, user)).toBe(50 - 1 - 3 - 3);
    expect(tg.violations).toEqual([]);
  }, 90_000);

  it("🔁 Again under music quotes the same request at the same price and runs it once more", async () => {
    const { tg } = stack;
    const user = testUser(7605);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    await selectModel(stack, user, "musicgen");
    let after = lastId(stack, user);
    const first = await promptAndConfirm(stack, user, "calm piano");
    const isSound = (m: BotMessage) => m.kind === "voice" || m.kind === "audio";
    const sound = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && isSound(m), 20_000);
    expect(sound.buttons.map((b) => b.text)).toEqual([`🔁 Again · ${first.price} 🪙`]);
    after = lastId(stack, user);
    tg.clickButtonByText(user, sound, `🔁 Again · ${first.price} 🪙`);
    const again = await confirmNextQuote(stack, user, after);
    expect(again.price).toBe(first.price);
    await tg.waitForBotMessage(user.id, (m) => m.message_id > after && isSound(m), 20_000);
    const creates = replicate.requests.filter(
      (r) => r.method === "POST" && String(JSON.stringify(r.json)).includes("calm piano"),
    );
    expect(creates).toHaveLength(2);
    expect(tg.violations).toEqual([]);
  }, 60_000);

  it("🔀 Other model runs the same prompt on the chosen model at its price", async () => {
    const { tg } = stack;
    const user = testUser(7604);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    tg.sendText(user, "Name a sea");
    const first = await nextAnswer(user, lastId(stack, user));
    expect(first.content).toMatch(/gpt-5-nano · 1 🪙/);
    let after = lastId(stack, user);
    tg.clickButtonByText(user, first, "🔀 Other model");
    const list = await tg.waitForBotMessage(user.id, (m) => m.message_id > after);
    const labels = list.buttons.map((b) => b.text);
    expect(labels).toContain("GPT-5 · 2 🪙");
    expect(labels.some((l) => l.startsWith("GPT-5 nano"))).toBe(false);
    after = lastId(stack, user);
    tg.clickButtonByText(user, list, "GPT-5 · 2 🪙");
    const other = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && /Answer \d/.test(m.content));
    expect(other.content).toMatch(/to: Name a sea/);
    expect(other.content).toMatch(/gpt-5 · 2 🪙/);
    const body = openai.chatBodies().at(-1);
    // The product's current upstream id, as the catalog routes it.
    expect(body?.model).toBe(createCatalog().get("gpt-5").route.upstream);
    expect(body?.messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["Name a sea"]);
    expect(tg.violations).toEqual([]);
  }, 60_000);

  it("runs Midjourney's U1 through LegNext's upscale with the grid's job id and image number, priced, after a restart", async () => {
    const { tg } = stack;
    const user = testUser(7603);
    await say(tg, user, "/start");
    await givePlan(stack, user.id);
    const start = await balanceOf(tg, user);
    await selectModel(stack, user, "midjourney");
    let after = lastId(stack, user);
    const grid = await promptAndConfirm(stack, user, "a lighthouse at dusk");
    expect(grid.price).toBe(9);
    await tg.waitFor(() => mediaAfter(stack, user, after, "photo").length === 4 || undefined, 20_000);
    const last = mediaAfter(stack, user, after, "photo").at(-1) as BotMessage;
    const labels = last.buttons.map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["U1 · 5 🪙", "U4 · 5 🪙", "V1 · 9 🪙", "V4 · 9 🪙"]));
    const gridJob = legnext.requests.find((r) => r.path === "/api/v1/diffusion");
    expect(gridJob).toBeDefined();
    const gridId = [...legnext.jobs.keys()][0];

    await restart();
    after = lastId(stack, user);
    tg.clickButtonByText(user, last, "U1 · 5 🪙");
    const { price } = await confirmNextQuote(stack, user, after);
    expect(price).toBe(5);
    const upscaled = await tg.waitForBotMessage(user.id, (m) => m.message_id > after && m.kind === "photo", 20_000);
    expect(upscaled.content).toMatch(/5 🪙 · balance/);
    const upscale = legnext.requests.find((r) => r.path === "/api/v1/upscale");
    expect(upscale?.json).toEqual({ jobId: gridId, imageNo: 0, type: 0 });
    // One image, not a grid: no U/V under it.
    expect(mediaAfter(stack, user, after, "photo")).toHaveLength(1);
    expect(upscaled.buttons.some((b) => /^U\d/.test(b.text))).toBe(false);
    expect(await balanceOf(tg, user)).toBe(start - 9 - 5);
    expect(tg.violations).toEqual([]);
  }, 90_000);
});
