import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands.js";
import { allModels } from "../../src/catalog/models/index.js";
import { ROOT } from "../support/bot-process.js";

function keysOf(locale: string): Set<string> {
  const text = readFileSync(join(ROOT, "locales", `${locale}.ftl`), "utf8");
  return new Set([...text.matchAll(/^([a-zA-Z][a-zA-Z0-9_-]*)\s*=/gm)].map((m) => m[1] ?? ""));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const en = keysOf("en");
const ru = keysOf("ru");

describe("locales", () => {
  it("have the same keys in ru and en", () => {
    expect([...en].filter((k) => !ru.has(k))).toEqual([]);
    expect([...ru].filter((k) => !en.has(k))).toEqual([]);
  });

  it("hold every key the code asks for by name", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(ROOT, "src"))) {
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(/\bt\(\s*"([a-z][a-z0-9-]*)"/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });

  it("hold the keys the code builds from data", () => {
    const built = [
      ...COMMANDS.map((c) => `cmd-${c}`),
      ...new Set(allModels.map((m) => `category-${m.kind}`)),
      ...new Set(
        allModels
          .filter((m) => m.kind !== "text")
          .map((m) => `model-card-send-${m.input.replace(/\?/g, "").replace(/\+/g, "-")}`),
      ),
      ...["timeout", "rate_limited", "overloaded", "unavailable", "auth", "billing", "moderation", "bad_request"].map(
        (k) => `reason-${k}`,
      ),
      ...["bad_response", "network", "cancelled", "deadline", "undeliverable", "interrupted", "internal", "failed"].map(
        (k) => `reason-${k}`,
      ),
      "error-rate-limited-hour",
      "error-rate-limited-day",
    ];
    expect(built.filter((k) => !en.has(k))).toEqual([]);
  });
});
