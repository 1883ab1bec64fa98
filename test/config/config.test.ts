import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config.js";
import { createLogger, prettyPrinterInstalled } from "../../src/logger.js";
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

  it("reads the job lease length, leaving it to the lease keeper's default when unset", () => {
    expect(createConfig({ BOT_TOKEN: TOKEN }).jobLeaseMs).toBeUndefined();
    expect(createConfig({ BOT_TOKEN: TOKEN, JOB_LEASE_MS: "3000" }).jobLeaseMs).toBe(3000);
    expect(() => createConfig({ BOT_TOKEN: TOKEN, JOB_LEASE_MS: "50" })).toThrow("JOB_LEASE_MS");
  });

  it.each([
    [{}, "BOT_TOKEN is required"],
    [{ BOT_TOKEN: "nope" }, "BOT_TOKEN must look like"],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: "mysql://x" }, "DATABASE_URL must be"],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" }, "WEBHOOK_URL is required"],
    [{ BOT_TOKEN: TOKEN, ADMIN_IDS: "1,abc" }, "ADMIN_IDS must be"],
    [{ BOT_TOKEN: TOKEN, LUMA_BASE_URL: "not a url" }, "LUMA_BASE_URL must be a URL"],
    [{ BOT_TOKEN: TOKEN, DEFAULT_LOCALE: "de" }, "DEFAULT_LOCALE"],
    [{ BOT_TOKEN: "" }, "BOT_TOKEN is required"],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: "sqlite:" }, "DATABASE_URL must name a file"],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.test/hook" }, "WEBHOOK_SECRET is required"],
    [
      { BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.test/hook", WEBHOOK_SECRET: " " },
      "WEBHOOK_SECRET is required",
    ],
  ])("names the bad variable: %o", (env, message) => {
    expect(() => createConfig(env)).toThrow(ConfigError);
    expect(() => createConfig(env)).toThrow(message);
  });

  it("takes an empty value as unset for every variable", () => {
    const names = [
      "TELEGRAM_API_ROOT",
      "TELEGRAM_LOCAL_API",
      "DATABASE_URL",
      "BOT_MODE",
      "WEBHOOK_URL",
      "WEBHOOK_SECRET",
      "PORT",
      "ADMIN_IDS",
      "DEFAULT_LOCALE",
      "LOG_LEVEL",
      "STARS_PER_RUB",
      "STARS_PRICE_OVERRIDES",
      "MODEL_ROUTES_FILE",
      "PAYLOAD_SECRET",
      "TEST_STARTUP_TIMEOUT_MS",
      "OPENAI_API_KEY",
      "OPENAI_BASE_URL",
      "MIDJOURNEY_BASE_URL",
    ];
    const empty = createConfig({ BOT_TOKEN: TOKEN, ...Object.fromEntries(names.map((name) => [name, ""])) });
    const blank = createConfig({ BOT_TOKEN: TOKEN, ...Object.fromEntries(names.map((name) => [name, "  "])) });
    expect(empty).toEqual(createConfig({ BOT_TOKEN: TOKEN }));
    expect(blank).toEqual(empty);
    expect(empty).toMatchObject({ port: 8080, botMode: "polling", starsPerRub: 0.5, startupTimeoutMs: 60_000 });
  });

  it("takes PAYLOAD_SECRET when given", () => {
    expect(createConfig({ BOT_TOKEN: TOKEN, PAYLOAD_SECRET: "long-random-secret" }).payloadSecret).toBe(
      "long-random-secret",
    );
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
  it("pretty-prints only when pino-pretty is installed (a production image has no dev dependencies)", () => {
    expect(prettyPrinterInstalled()).toBe(true);
    const missing = (id: string): string => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
    };
    expect(prettyPrinterInstalled(missing)).toBe(false);
  });

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
