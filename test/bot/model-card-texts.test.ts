import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { bestForKey, instructionKey, modelCardExtra, modelCardHead } from "../../src/bot/features/model-card.js";
import {
  AUTO_PARAMS,
  paramLabelKey,
  paramsSummary,
  paramValueKey,
  paramValueLabel,
} from "../../src/bot/features/param-labels.js";
import { createI18n, LOCALES, type Locale } from "../../src/bot/i18n.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import { allModels } from "../../src/catalog/models/index.js";

const i18n = createI18n("en");
const catalog = createCatalog();
const contextIn = (locale: Locale) =>
  ({ t: (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars) }) as unknown as BotContext;
/** The locale's own text for a key; missing keys come back as `{key}`. */
const has = (locale: Locale, key: string) => !i18n.t(locale, key, { name: "X" }).startsWith("{");

describe("the best-for line", () => {
  it("has a key per product, no two products sharing one", () => {
    expect(allModels).toHaveLength(52);
    expect(new Set(allModels.map(bestForKey)).size).toBe(52);
  });

  it.each(LOCALES)("exists for all 52 products, one line each, all different (%s)", (locale) => {
    const lines = allModels.map((m) => i18n.t(locale, bestForKey(m)));
    expect(allModels.filter((m) => !has(locale, bestForKey(m))).map((m) => m.slug)).toEqual([]);
    expect(lines.every((line) => !line.includes("\n") && line.length <= 100)).toBe(true);
    expect(new Set(lines).size).toBe(52);
  });

  it("is Russian in Russian", () => {
    for (const model of allModels) {
      expect(i18n.t("ru", bestForKey(model))).toMatch(/[а-яё]/i);
      expect(i18n.t("ru", bestForKey(model))).not.toBe(i18n.t("en", bestForKey(model)));
    }
  });
});

describe("what a card tells the user to send", () => {
  it.each(LOCALES)("exists for every product (%s)", (locale) => {
    expect(allModels.filter((m) => !has(locale, instructionKey(m))).map((m) => m.slug)).toEqual([]);
  });

  it.each([
    ["gpt-5-nano", "Send your question — GPT-5 nano will answer.", "Задайте вопрос — ответит GPT-5 nano."],
    ["dall-e-3", "Describe the picture you want.", "Опишите картинку, которую нужно создать."],
    ["luma-ray2-flash", "Describe the scene for the video.", "Опишите сцену для видео."],
    ["musicgen", "Describe the song", "Опишите песню"],
    ["elevenlabs-flash", "Send the text to speak.", "Пришлите текст, который нужно озвучить."],
    ["whisper", "Send a voice message or an audio file", "Пришлите голосовое сообщение или аудиофайл"],
    ["upscale", "Send a photo.", "Пришлите фото."],
    ["remove-bg", "Send a photo.", "Пришлите фото."],
    ["el-dubbing", "The price is per minute of audio", "Цена — за минуту аудио"],
  ])("%s: %s", (slug, english, russian) => {
    const model = catalog.get(slug);
    expect(modelCardExtra(contextIn("en"), model, {})).toContain(english);
    expect(modelCardExtra(contextIn("ru"), model, {})).toContain(russian);
  });
});

describe("the card's head", () => {
  it("prices dubbing per minute of audio, without a range over lengths", () => {
    const dubbing = catalog.get("el-dubbing");
    expect(modelCardHead(contextIn("en"), dubbing, {}, 700)).toContain("Price: <b>60</b> 🪙 per minute of audio\n");
    expect(modelCardHead(contextIn("ru"), dubbing, {}, 700)).toContain("Цена: <b>60</b> 🪙 за минуту аудио\n");
  });

  it("prices the others per request, with the range their parameters span", () => {
    const head = modelCardHead(contextIn("en"), catalog.get("dall-e-3"), {}, 50);
    expect(head).toBe(
      "<b>DALL·E 3</b> · OpenAI\n💡 Illustrations that follow the description closely, with readable text.\n" +
        "Price: <b>5</b> 🪙 per request (from 5 to 13 depending on parameters)\nBalance: 50 🪙",
    );
  });
});

describe("parameter labels and values", () => {
  const shown = allModels.flatMap((m) => m.params.filter((p) => !AUTO_PARAMS.has(p.name)).map((p) => [m, p] as const));

  it.each(LOCALES)("label every parameter and translate every word value (%s)", (locale) => {
    const missing = shown.flatMap(([model, p]) => [
      ...(has(locale, paramLabelKey(model, p.name)) ? [] : [paramLabelKey(model, p.name)]),
      ...p.options.flatMap((o) => {
        const key = paramValueKey(p.name, o);
        return key && !has(locale, key) ? [key] : [];
      }),
    ]);
    expect(missing).toEqual([]);
  });

  it.each([
    ["duration", "5s", "5 s", "5 с"],
    ["duration", 10, "10 s", "10 с"],
    ["audio", true, "On", "Вкл."],
    ["scale", 4, "4×", "4×"],
    ["version", "6.1", "v6.1", "v6.1"],
    ["voice", "Wise_Woman", "Wise Woman", "Wise Woman"],
    ["resolution", "1080p", "1080p", "1080p"],
    ["quality", "hd", "HD", "HD"],
    ["aspect_ratio", "16:9", "16:9", "16:9"],
    ["aspect_ratio", "match_input_image", "As the photo", "Как у фото"],
    ["target_lang", "de", "German", "Немецкий"],
  ] as const)("%s %s reads “%s” / “%s”", (name, value, english, russian) => {
    expect(paramValueLabel(contextIn("en"), name, value)).toBe(english);
    expect(paramValueLabel(contextIn("ru"), name, value)).toBe(russian);
  });

  it("sums a card's chosen values up with their labels", () => {
    expect(paramsSummary(contextIn("en"), catalog.get("dall-e-3"), { quality: "hd" })).toBe(
      "Size: 1024x1024 · Quality: HD",
    );
    expect(paramsSummary(contextIn("ru"), catalog.get("el-dialogue"), {})).toBe("Голос 1: Sarah · Голос 2: George");
    expect(paramsSummary(contextIn("en"), catalog.get("el-dubbing"), {})).toBe("Language: English");
  });
});
