import { z } from "zod";
import type { ProviderId } from "./catalog/types.js";
import type { ProviderSettingsMap } from "./providers/types.js";

const url = z.string().url();
const optionalKey = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const PROVIDERS: Record<ProviderId, { key: string; base: string; defaultBase: string }> = {
  openai: { key: "OPENAI_API_KEY", base: "OPENAI_BASE_URL", defaultBase: "https://api.openai.com/v1" },
  anthropic: { key: "ANTHROPIC_API_KEY", base: "ANTHROPIC_BASE_URL", defaultBase: "https://api.anthropic.com" },
  gemini: {
    key: "GEMINI_API_KEY",
    base: "GEMINI_BASE_URL",
    defaultBase: "https://generativelanguage.googleapis.com/v1beta/openai",
  },
  deepseek: { key: "DEEPSEEK_API_KEY", base: "DEEPSEEK_BASE_URL", defaultBase: "https://api.deepseek.com" },
  xai: { key: "XAI_API_KEY", base: "XAI_BASE_URL", defaultBase: "https://api.x.ai/v1" },
  replicate: { key: "REPLICATE_API_TOKEN", base: "REPLICATE_BASE_URL", defaultBase: "https://api.replicate.com/v1" },
  luma: { key: "LUMA_API_KEY", base: "LUMA_BASE_URL", defaultBase: "https://api.lumalabs.ai/dream-machine/v1" },
  elevenlabs: { key: "ELEVENLABS_API_KEY", base: "ELEVENLABS_BASE_URL", defaultBase: "https://api.elevenlabs.io" },
  midjourney: { key: "MIDJOURNEY_API_KEY", base: "MIDJOURNEY_BASE_URL", defaultBase: "https://api.legnext.ai" },
};

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const schema = z
  .object({
    BOT_TOKEN: z.string({ error: "is required" }).regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-DEF…"),
    TELEGRAM_API_ROOT: url.default("https://api.telegram.org"),
    TELEGRAM_LOCAL_API: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("false")),
    DATABASE_URL: z
      .string()
      .default("sqlite:./data/bot.db")
      .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), "must be sqlite:PATH or postgres://…")
      // `sqlite:` alone would open a throwaway in-memory database: every balance lost on restart.
      .refine((v) => v.trim() !== "sqlite:", "must name a file after sqlite: (e.g. sqlite:./data/bot.db)"),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    WEBHOOK_URL: z.preprocess(emptyAsUndefined, url.optional()),
    WEBHOOK_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1–256 of A-Z a-z 0-9 _ -")
        .optional(),
    ),
    // Simultaneous webhook connections Telegram may open (its default is 40); more instances can take more.
    WEBHOOK_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(40),
    // 0 picks any free port (tests run many bots at once); the log line "http server listening" names it.
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    ADMIN_IDS: z
      .string()
      .default("")
      .refine(
        (v) => v.split(",").every((s) => s.trim() === "" || /^\d+$/.test(s.trim())),
        "must be comma-separated numeric ids",
      )
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map(Number),
      ),
    DEFAULT_LOCALE: z.enum(["ru", "en"]).default("ru"),
    // This instance's name in job leases; a process restarted with the same one resumes its jobs at once.
    // Unset: a unique name per process (a restart then takes its jobs over when their 30 s lease runs out).
    INSTANCE_ID: z.preprocess(emptyAsUndefined, z.string().max(200).optional()),
    // How long a job stays an instance's without a renewal: how soon a crashed instance's jobs are taken
    // over. Unset: the lease keeper's 30 s. Renewed every third of it, so not shorter than a database stall.
    JOB_LEASE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1_000).max(600_000).optional()),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    STARS_PER_RUB: z.coerce.number().positive().default(0.5),
    STARS_PRICE_OVERRIDES: z.string().default(""),
    MODEL_ROUTES_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    API_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    API_PUBLIC_URL: z.preprocess(emptyAsUndefined, url.optional()),
    API_KEY_RATE_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(60)),
    API_KEY_MAX_CONCURRENT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(3)),
    API_BODY_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(1_048_576)),
    PAYLOAD_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, "must be at least 16 characters").optional()),
    // Test-only: how long start-up waits for the Bot API and the database (the default is a minute).
    TEST_STARTUP_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
    REFERRAL_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(100).default(10)),
    REFERRAL_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(365)),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === "webhook" && !env.WEBHOOK_URL) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
    }
    // Without a secret anyone who learns the URL could post forged updates (an admin's /grant).
    if (env.BOT_MODE === "webhook" && !env.WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
    }
  });

export type Config = ReturnType<typeof createConfig>;

/** Thrown with one line naming the variable that is missing or wrong. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** An empty (or blank) value means "unset" for every variable, as `.env.example`'s `KEY=` lines intend. */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
}

/** Validates the environment once at start. */
export function createConfig(rawEnv: Record<string, string | undefined>) {
  const env = withoutEmptyValues(rawEnv);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    const message = issue?.code === "invalid_type" && env[variable] === undefined ? "is required" : issue?.message;
    throw new ConfigError(`Configuration error: ${variable} ${message}`);
  }
  const e = parsed.data;
  const providers = {} as ProviderSettingsMap;
  for (const id of Object.keys(PROVIDERS) as ProviderId[]) {
    const p = PROVIDERS[id];
    const baseUrl = url.default(p.defaultBase).safeParse(emptyAsUndefined(env[p.base]));
    if (!baseUrl.success) throw new ConfigError(`Configuration error: ${p.base} must be a URL`);
    providers[id] = { apiKey: optionalKey.parse(env[p.key]), baseUrl: baseUrl.data.replace(/\/+$/, "") };
  }
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    telegramLocalApi: e.TELEGRAM_LOCAL_API === "true",
    databaseUrl: e.DATABASE_URL,
    botMode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    webhookMaxConnections: e.WEBHOOK_MAX_CONNECTIONS,
    instanceId: e.INSTANCE_ID,
    jobLeaseMs: e.JOB_LEASE_MS,
    port: e.PORT,
    adminIds: e.ADMIN_IDS,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    starsPerRub: e.STARS_PER_RUB,
    starsPriceOverrides: e.STARS_PRICE_OVERRIDES,
    modelRoutesFile: e.MODEL_ROUTES_FILE,
    api: {
      port: e.API_PORT,
      /** Where clients reach the API (no trailing slash, no `/api/v2`); defaults to this machine's port. */
      publicUrl: (e.API_PUBLIC_URL ?? `http://localhost:${e.API_PORT ?? e.PORT}`)
        .replace(/\/+$/, "")
        .replace(/\/api\/v2$/, ""),
      ratePerMinute: e.API_KEY_RATE_PER_MINUTE,
      maxConcurrent: e.API_KEY_MAX_CONCURRENT,
      bodyLimit: e.API_BODY_LIMIT,
    },
    payloadSecret: e.PAYLOAD_SECRET,
    startupTimeoutMs: e.TEST_STARTUP_TIMEOUT_MS,
    referralPercent: e.REFERRAL_PERCENT,
    referralDays: e.REFERRAL_DAYS,
    providers,
  };
}

/** The names of the secret variables, for log redaction. */
export const SECRET_VARIABLES = ["BOT_TOKEN", "PAYLOAD_SECRET", ...Object.values(PROVIDERS).map((p) => p.key)];
