// `npm run build`: compiles src/ (not the tests) to dist/ and copies the locales next to it, so
// `node dist/main.js` runs without the sources. Extra arguments go to tsc (e.g. --outDir DIR).
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const args = process.argv.slice(2);
const at = args.indexOf("--outDir");
const outDir = at >= 0 && args[at + 1] ? args[at + 1] : "dist";

rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", ...args], { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);
cpSync("locales", join(outDir, "locales"), { recursive: true });
