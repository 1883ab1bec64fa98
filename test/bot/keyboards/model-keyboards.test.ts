import type { InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { cb } from "../../../src/bot/callback-data.js";
import type { BotContext } from "../../../src/bot/context.js";
import { createI18n, LOCALES, type Locale } from "../../../src/bot/i18n.js";
import { balancedRows, keyboardOf } from "../../../src/bot/keyboards/grid.js";
import { createModelCardKeyboard } from "../../../src/bot/keyboards/model-card.js";
import {
  createCategoriesKeyboard,
  createModelListKeyboard,
  type ModelAccess,
  orderByAccess,
} from "../../../src/bot/keyboards/model-list.js";
import { createCatalog } from "../../../src/catalog/catalog.js";
import type { ModelSpec } from "../../../src/catalog/types.js";

const i18n = createI18n("en");
const catalog = createCatalog();
const contextIn = (locale: Locale) =>
  ({ t: (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars) }) as unknown as BotContext;
const en = contextIn("en");

const texts = (keyboard: InlineKeyboard) => keyboard.inline_keyboard.map((row) => row.map((b) => b.text));
const data = (keyboard: InlineKeyboard) =>
  keyboard.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : undefined));

describe("balancedRows", () => {
  it.each([
    [0, 4, []],
    [1, 4, [1]],
    [4, 4, [4]],
    [5, 4, [3, 2]],
    [7, 4, [4, 3]],
    [9, 4, [3, 3, 3]],
    [15, 4, [4, 4, 4, 3]],
    [8, 2, [2, 2, 2, 2]],
    [7, 2, [2, 2, 2, 1]],
  ])("lays %i items at most %i a row as %j", (count, perRow, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const rows = balancedRows(items, perRow);
    expect(rows.map((r) => r.length)).toEqual(sizes);
    expect(rows.flat()).toEqual(items);
  });
});

describe("keyboardOf", () => {
  it("drops empty rows and keeps the order", () => {
    const a = { text: "a", callback_data: "a" };
    const b = { text: "b", callback_data: "b" };
    expect(keyboardOf([[], [a], [], [b], []]).inline_keyboard).toEqual([[a], [b]]);
  });
});

describe("the categories keyboard", () => {
  it.each(LOCALES)("has the eight categories two a row, then the main menu, no empty row (%s)", (locale) => {
    const rows = texts(createCategoriesKeyboard(contextIn(locale)));
    expect(rows.map((r) => r.length)).toEqual([2, 2, 2, 2, 1]);
    expect(rows.flat().every((t) => t.trim() !== "" && !t.includes("{"))).toBe(true);
    expect(data(createCategoriesKeyboard(en)).at(-1)).toBe(cb.menu.pack({ screen: "main" }));
  });
});

describe("a category's model list", () => {
  const text = catalog.byKind("text");
  const starterAccess = (m: ModelSpec): ModelAccess => (m.tier === "starter" ? "ready" : "locked");

  it("puts the plan's models first and locked ones after, each group in catalog order", () => {
    const listed = orderByAccess(text, starterAccess);
    expect(listed.map((l) => l.model.slug)).toEqual([
      ...text.filter((m) => m.tier === "starter").map((m) => m.slug),
      ...text.filter((m) => m.tier !== "starter").map((m) => m.slug),
    ]);
    // deepseek-r1 (Starter) comes before gpt-5 (Basic), though the catalog lists gpt-5 first.
    const slugs = listed.map((l) => l.model.slug);
    expect(slugs.indexOf("deepseek-r1")).toBeLessThan(slugs.indexOf("gpt-5"));
  });

  it("puts models that cannot run now last", () => {
    const access = (m: ModelSpec): ModelAccess => (m.slug === "gpt-5-nano" ? "unavailable" : starterAccess(m));
    expect(orderByAccess(text, access).at(-1)?.model.slug).toBe("gpt-5-nano");
  });

  it("shows display names with prices and marks, one a row, the back row last", () => {
    const keyboard = createModelListKeyboard(en, orderByAccess(text, starterAccess), "claude-haiku-4.5");
    const rows = texts(keyboard);
    expect(rows.every((r) => r.length === 1)).toBe(true);
    expect(rows[0]).toEqual(["GPT-5 nano · 1 🪙"]);
    expect(rows[1]).toEqual(["✅ Claude Haiku 4.5 · 1 🪙"]);
    expect(rows.flat()).toContain("🔒 GPT-5.2 Pro · 39 🪙");
    expect(rows.flat().some((t) => /gpt-5-nano|claude-haiku/.test(t))).toBe(false);
    expect(rows.at(-1)).toEqual(["« Back"]);
    expect(data(keyboard)[0]).toBe(cb.model.pack({ slug: "gpt-5-nano" }));
    expect(data(keyboard).at(-1)).toBe(cb.menu.pack({ screen: "models" }));
  });

  it("shows a price range for a model whose price depends on its parameters", () => {
    const image = orderByAccess(catalog.byKind("image"), () => "ready");
    expect(texts(createModelListKeyboard(en, image, null)).flat()).toContain("DALL·E 3 · 5–13 🪙");
  });
});

describe("a model card's parameter rows", () => {
  const ready = { unlocked: true, available: true };

  it.each(LOCALES)("labels each parameter in a row of its own, above its values (%s)", (locale) => {
    const ctx = contextIn(locale);
    const rows = texts(createModelCardKeyboard(ctx, catalog.get("luma-ray2-flash"), {}, ready));
    const seconds = locale === "ru" ? "с" : "s";
    const label = (en: string, ru: string) => [locale === "ru" ? `${ru}:` : `${en}:`];
    expect(rows).toEqual([
      label("Resolution", "Разрешение"),
      ["✅ 540p · 15", "720p · 26", "1080p · 52"],
      label("Duration", "Длительность"),
      [`✅ 5 ${seconds} · 15`, `9 ${seconds} · 27`],
      label("Aspect ratio", "Формат"),
      ["✅ 16:9", "9:16", "1:1", "4:3"],
      ["3:4", "21:9", "9:21"],
      [locale === "ru" ? "« Назад" : "« Back"],
    ]);
  });

  it("shows each value's resulting price for the other chosen values", () => {
    const rows = texts(createModelCardKeyboard(en, catalog.get("luma-ray2-flash"), { resolution: "1080p" }, ready));
    expect(rows[3]).toEqual(["✅ 5 s · 52", "9 s · 93"]);
  });

  it("names ElevenLabs Dialogue's voices Voice 1 and Voice 2 (Голос 1, Голос 2)", () => {
    for (const [locale, one, two] of [
      ["en", "Voice 1:", "Voice 2:"],
      ["ru", "Голос 1:", "Голос 2:"],
    ] as const) {
      const rows = texts(createModelCardKeyboard(contextIn(locale), catalog.get("el-dialogue"), {}, ready));
      const labels = rows.filter((r) => r.length === 1 && r[0]?.endsWith(":")).map((r) => r[0]);
      expect(labels).toEqual([one, two]);
      expect(rows[1]).toEqual(["✅ Sarah", "George", "Laura", "Roger"]);
    }
    const tts = texts(createModelCardKeyboard(en, catalog.get("elevenlabs-flash"), {}, ready));
    expect(tts[0]).toEqual(["Voice:"]);
  });

  it("translates word values and leaves sizes as they are", () => {
    const rows = texts(createModelCardKeyboard(contextIn("ru"), catalog.get("dall-e-3"), {}, ready)).flat();
    expect(rows).toEqual([
      "Размер:",
      "✅ 1024x1024 · 5",
      "1792x1024 · 9",
      "1024x1792 · 9",
      "Качество:",
      "✅ Стандартное · 5",
      "HD · 9",
      "« Назад",
    ]);
    const dubbing = texts(createModelCardKeyboard(en, catalog.get("el-dubbing"), {}, ready));
    // The length is set from the recording itself: no buttons for it, only the target language.
    expect(dubbing.map((r) => r.length)).toEqual([1, 4, 4, 4, 3, 1]);
    expect(dubbing.flat()).toContain("German");
  });

  it("has label rows that press into an explanation, value buttons through the typed helper", () => {
    const keyboard = createModelCardKeyboard(en, catalog.get("dall-e-3"), {}, ready);
    expect(data(keyboard)).toEqual([
      cb.paramInfo.pack({ slug: "dall-e-3", name: "size" }),
      cb.param.pack({ slug: "dall-e-3", name: "size", index: "0" }),
      cb.param.pack({ slug: "dall-e-3", name: "size", index: "1" }),
      cb.param.pack({ slug: "dall-e-3", name: "size", index: "2" }),
      cb.paramInfo.pack({ slug: "dall-e-3", name: "quality" }),
      cb.param.pack({ slug: "dall-e-3", name: "quality", index: "0" }),
      cb.param.pack({ slug: "dall-e-3", name: "quality", index: "1" }),
      cb.category.pack({ kind: "image" }),
    ]);
  });

  it("offers no parameters on a locked card, only the plans and the way back", () => {
    const rows = texts(createModelCardKeyboard(en, catalog.get("veo-3.1"), {}, { unlocked: false, available: true }));
    expect(rows).toEqual([["⭐ Plans"], ["« Back"]]);
  });

  it("never leaves an empty row or a placeholder on any card, in either language", () => {
    for (const locale of LOCALES) {
      for (const model of catalog.models) {
        const rows = createModelCardKeyboard(contextIn(locale), model, {}, ready).inline_keyboard;
        expect(rows.every((row) => row.length > 0)).toBe(true);
        expect(rows.flat().every((b) => !b.text.includes("{"))).toBe(true);
      }
    }
  });
});
