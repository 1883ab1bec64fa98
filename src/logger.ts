import { createRequire } from "node:module";
import { pino } from "pino";

/**
 * Paths pino blanks out wherever they appear: the bot token travels inside Bot API URLs and
 * config objects, provider keys inside headers and config.
 */
const REDACT = [
  "botToken",
  "token",
  "apiKey",
  "*.apiKey",
  "*.*.apiKey",
  "config.botToken",
  "headers.authorization",
  "headers.Authorization",
  'headers["x-api-key"]',
  'headers["xi-api-key"]',
  "*.headers.authorization",
  'headers["x-goog-api-key"]',
];

export function createLogger(level: string, secrets: readonly string[] = [], destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    // Secrets can also hide inside free text (an error message with a URL): scrub those too.
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => scrub(arg, secrets));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (!destination && process.stdout.isTTY && prettyPrinterInstalled()) {
    return pino({ ...options, transport: { target: "pino-pretty" } });
  }
  return destination ? pino(options, destination) : pino(options);
}

/**
 * pino-pretty is a development dependency: a production install (the Docker image) lacks it, and
 * a TTY there (`docker run -t`) must still log, as JSON.
 */
export function prettyPrinterInstalled(
  resolve: (id: string) => string = createRequire(import.meta.url).resolve,
): boolean {
  try {
    resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return scrubText(value, secrets);
  if (value instanceof Error) {
    const copy = new Error(scrubText(value.message, secrets));
    copy.name = value.name;
    copy.stack = value.stack ? scrubText(value.stack, secrets) : undefined;
    return Object.assign(copy, scrubObject(value, secrets));
  }
  if (value && typeof value === "object") return scrubObject(value, secrets);
  return value;
}

function scrubObject(value: object, secrets: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      typeof inner === "string" ? scrubText(inner, secrets) : inner instanceof Error ? scrub(inner, secrets) : inner;
  }
  return out;
}

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  return out;
}

export type Logger = pino.Logger;
