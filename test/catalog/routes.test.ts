import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { allModels } from "../../src/catalog/models/index.js";
import { parseRouteOverrides } from "../../src/catalog/route-overrides.js";

/** Every upstream id issue 7 reports retired or retiring (and the Sora ids its table implies). */
const RETIRED = [
  "grok-4-fast-non-reasoning",
  "deepseek-chat",
  "deepseek-reasoner",
  "claude-sonnet-4-5",
  "gemini-3-pro-preview",
  "gemini-2.5-flash",
  "dall-e-3",
  "gpt-image-1",
  "gpt-image-1.5",
  "openai/sora-2",
  "sora-2",
  "gpt-5-nano",
  "gpt-5",
  "claude-opus-4-5",
  "tts-1",
  "tts-1-hd",
  "gpt-4o-mini-tts",
  "whisper-1",
  "gpt-4o-transcribe",
];

/** Every id a route would send: its upstream, its fallbacks, and any string in its extra body fields. */
function namedIds(route: (typeof allModels)[number]["route"]): string[] {
  const strings: string[] = [];
  JSON.stringify(route.body ?? {}, (_key, value) => {
    if (typeof value === "string") strings.push(value);
    return value;
  });
  return [route.upstream, ...(route.fallbacks ?? []), ...strings];
}

const localeKeys = (file: string) =>
  new Set(
    readFileSync(new URL(`../../locales/${file}`, import.meta.url), "utf8")
      .split("\n")
      .map((line) => /^([a-z0-9-]+) =/.exec(line)?.[1])
      .filter((key): key is string => key !== undefined),
  );

describe("the catalog's routes", () => {
  it("name no retired upstream id, in any route, fallback or body field", () => {
    const offenders = allModels.flatMap((model) =>
      namedIds(model.route)
        .filter((id) => RETIRED.includes(id))
        .map((id) => `${model.slug} → ${id}`),
    );
    expect(offenders).toEqual([]);
  });

  it("each record which source says the upstream is current", () => {
    const missing = allModels.filter((m) => !m.route.source?.includes("2026-")).map((m) => m.slug);
    expect(missing).toEqual([]);
  });

  it("mark a product unavailable only with a reason both locales translate", () => {
    const unavailable = allModels.filter((m) => m.route.unavailable);
    expect(unavailable.map((m) => m.slug).sort()).toEqual(["gpt-4o-mini-tts", "openai-tts", "openai-tts-hd", "sora-2"]);
    for (const file of ["en.ftl", "ru.ftl"]) {
      const keys = localeKeys(file);
      for (const model of unavailable)
        expect(keys.has(model.route.unavailable ?? ""), `${file}: ${model.slug}`).toBe(true);
    }
  });

  it("cap every text product's output, with the field its API names", () => {
    const field = (m: (typeof allModels)[number]) =>
      m.route.operation === "responses"
        ? "max_output_tokens"
        : m.route.provider === "openai"
          ? "max_completion_tokens"
          : "max_tokens";
    for (const model of allModels.filter((m) => m.kind === "text")) {
      const cap = model.route.body?.[field(model)];
      expect(Number.isInteger(cap) && (cap as number) > 0, model.slug).toBe(true);
      const others = ["max_tokens", "max_completion_tokens", "max_output_tokens"].filter((f) => f !== field(model));
      for (const other of others) expect(model.route.body, model.slug).not.toHaveProperty(other);
    }
  });

  it("send DeepSeek's thinking switch as route data: on for R1, off for V3", () => {
    const body = (slug: string) => allModels.find((m) => m.slug === slug)?.route.body;
    expect(body("deepseek-r1")).toMatchObject({ thinking: { type: "enabled" } });
    expect(body("deepseek-v3")).toMatchObject({ thinking: { type: "disabled" } });
  });
});

describe("MODEL_ROUTES_FILE overrides", () => {
  it("set fallbacks, source and body", () => {
    const catalog = createCatalog(
      allModels,
      parseRouteOverrides(
        JSON.stringify({
          "deepseek-r1": {
            upstream: "deepseek-v4-pro",
            fallbacks: ["deepseek-flash"],
            source: "ops, 2026-12-24",
            body: { thinking: { type: "enabled" }, max_tokens: 1000 },
          },
        }),
      ),
    );
    expect(catalog.find("deepseek-r1")?.model.route).toMatchObject({
      provider: "deepseek",
      upstream: "deepseek-v4-pro",
      fallbacks: ["deepseek-flash"],
      source: "ops, 2026-12-24",
      body: { thinking: { type: "enabled" }, max_tokens: 1000 },
    });
  });

  it("drop the old source and fallbacks when only the upstream changes (they vouched for the old id)", () => {
    const catalog = createCatalog(allModels, parseRouteOverrides(JSON.stringify({ "gpt-5": { upstream: "gpt-9" } })));
    const route = catalog.find("gpt-5")?.model.route;
    expect(route?.upstream).toBe("gpt-9");
    expect(route).not.toHaveProperty("fallbacks");
    expect(route).not.toHaveProperty("source");
    // The output cap belongs to the product, so it stays.
    expect(route?.body).toHaveProperty("max_completion_tokens");
  });

  it("reject malformed fallbacks and bodies", () => {
    expect(() => parseRouteOverrides(JSON.stringify({ "gpt-5": { fallbacks: "gpt-6" } }))).toThrow(/fallbacks/);
    expect(() => parseRouteOverrides(JSON.stringify({ "gpt-5": { body: [1] } }))).toThrow(/body/);
  });

  it("clear a built-in unavailability with null", () => {
    const catalog = createCatalog(
      allModels,
      parseRouteOverrides(JSON.stringify({ "openai-tts": { upstream: "tts-x", unavailable: null } })),
    );
    expect(catalog.find("openai-tts")?.model.route).not.toHaveProperty("unavailable");
  });
});
