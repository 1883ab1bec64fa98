import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { ROOT } from "../support/bot-process.js";

const TOKEN = "123456:ABCdef_ghi-JKL";

describe("configuration", () => {
  it("applies the contract's defaults", () => {
    const config = createConfig({ BOT_TOKEN: TOKEN });
    expect(config).toMatchObject({
      telegramApiRoot: "https://api.telegram.org",
      databaseUrl: "sqlite:./data/bot.db",
      botMode: "polling",
      adminIds: [],
      defaultLocale: "ru",
      logLevel: "info",
    });
    expect(config.providers.openai).toEqual({ apiKey: undefined, baseUrl: "https://api.openai.com/v1" });
    expect(config.providers.midjourney.baseUrl).toBe("https://api.legnext.ai");
  });

  it("reads keys, base URLs and admin ids", () => {
    const config = createConfig({
      BOT_TOKEN: TOKEN,
      ADMIN_IDS: "1, 22,333",
      OPENAI_API_KEY: "sk-x",
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1/",
      DATABASE_URL: "postgres://u@h/db",
    });
    expect(config.adminIds).toEqual([1, 22, 333]);
    expect(config.providers.openai).toEqual({ apiKey: "sk-x", baseUrl: "http://127.0.0.1:9/v1" });
    expect(config.databaseUrl).toBe("postgres://u@h/db");
  });

  it.each([
    [{}, "BOT_TOKEN is required"],
    [{ BOT_TOKEN: "nope" }, "BOT_TOKEN must look like"],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: "mysql://x" }, "DATABASE_URL must be"],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" }, "WEBHOOK_URL is required"],
    [{ BOT_TOKEN: TOKEN, ADMIN_IDS: "1,abc" }, "ADMIN_IDS must be"],
    [{ BOT_TOKEN: TOKEN, LUMA_BASE_URL: "not a url" }, "LUMA_BASE_URL must be a URL"],
    [{ BOT_TOKEN: TOKEN, DEFAULT_LOCALE: "de" }, "DEFAULT_LOCALE"],
  ])("names the bad variable: %o", (env, message) => {
    expect(() => createConfig(env)).toThrow(ConfigError);
    expect(() => createConfig(env)).toThrow(message);
  });

  it("stops the real process with one line naming the missing variable", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", DOTENV_CONFIG_PATH: "/nonexistent/.env" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("Configuration error: BOT_TOKEN is required");
  });
});

describe("logger", () => {
  it("never writes the bot token or API keys", () => {
    let written = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += chunk;
        done();
      },
    });
    const logger = createLogger("info", [TOKEN, "sk-secret-key"], sink as never);
    logger.info({ config: { botToken: TOKEN }, headers: { authorization: "Bearer sk-secret-key" } }, "starting");
    logger.error(new Error(`GET https://api.telegram.org/bot${TOKEN}/getMe failed`), "call failed");
    logger.warn(`key sk-secret-key rejected`);
    expect(written).toContain("starting");
    expect(written).not.toContain(TOKEN);
    expect(written).not.toContain("sk-secret-key");
  });
});
