import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, ROOT, startBotProcess, tempDatabaseUrl } from "../support/bot-process.js";
import { say, testUser } from "../support/e2e.js";
import { startTelegramEmulator, type TelegramEmulator } from "../support/telegram/emulator.js";

/**
 * `npm run build`'s script, into a directory laid out like the Docker image (package.json,
 * node_modules, dist/) outside the repository, so nothing can be found through the sources.
 * `--noCheck` skips type checking (that is `npm run typecheck`'s job) to keep the suite fast.
 */
function buildInto(app: string): void {
  symlinkSync(join(ROOT, "node_modules"), join(app, "node_modules"), "dir");
  copyFileSync(join(ROOT, "package.json"), join(app, "package.json"));
  const run = spawnSync(process.execPath, ["scripts/build.mjs", "--outDir", join(app, "dist"), "--noCheck"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" });
}

describe("npm run build", () => {
  const app = mkdtempSync(join(tmpdir(), "bot-build-"));
  let tg: TelegramEmulator;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    buildInto(app);
    tg = await startTelegramEmulator();
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await tg?.close();
  });

  it("compiles the sources without the tests and copies the locales", () => {
    const files = filesUnder(join(app, "dist"));
    expect(files).toContain("main.js");
    expect(files).toContain(join("locales", "en.ftl"));
    expect(files).toContain(join("locales", "ru.ftl"));
    expect(files.filter((f) => f.startsWith("test") || f.includes(".test."))).toEqual([]);
    // The compiled code's own locales, not the repository's: nothing else is there to find.
    expect(existsSync(join(app, "locales"))).toBe(false);
  });

  it("runs as node dist/main.js and answers in the user's language", async () => {
    bot = await startBotProcess(
      { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, DATABASE_URL: tempDatabaseUrl(), DEFAULT_LOCALE: "en" },
      30_000,
      { args: [join(app, "dist", "main.js")], cwd: app },
    );
    const user = testUser(8101, "ru");
    const welcome = await say(tg, user, "/start");
    // A Russian welcome proves the .ftl files were loaded from dist/locales.
    expect(welcome.content).toMatch(/[А-Яа-я]/);
    expect(welcome.content).not.toMatch(/start-/);
    tg.assertNoViolations();
  });
});
