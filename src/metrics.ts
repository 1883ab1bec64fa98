import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics (served at `GET /metrics`). Counters of what this process did
 * live here; figures of the whole deployment (jobs by state, holds, captures, payments) are read
 * from the shared database at each scrape, so every instance reports the same totals for them.
 */
export const registry = new Registry();

export const updatesHandled = new Counter({
  name: "bot_updates_total",
  help: "Telegram updates taken by this instance, by type; duplicate=true for a repeat that was skipped",
  labelNames: ["type", "duplicate"] as const,
  registers: [registry],
});

export const jobLatency = new Histogram({
  name: "bot_job_duration_seconds",
  help: "Time from confirmation to settlement of jobs settled by this instance, by product and outcome",
  labelNames: ["product", "outcome"] as const,
  buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200],
  registers: [registry],
});

export const providerLatency = new Histogram({
  name: "bot_provider_request_duration_seconds",
  help: "Upstream HTTP requests by provider, until the response headers",
  labelNames: ["provider"] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

export const providerErrors = new Counter({
  name: "bot_provider_errors_total",
  help: "Upstream requests that failed, by provider and failure kind",
  labelNames: ["provider", "kind"] as const,
  registers: [registry],
});

export const telegramTooMany = new Counter({
  name: "bot_telegram_429_total",
  help: "Bot API calls answered 429 Too Many Requests, by method",
  labelNames: ["method"] as const,
  registers: [registry],
});

export const resubmissions = new Counter({
  name: "bot_job_resubmissions_total",
  help: "Jobs sent upstream again after a crash (the provider took no idempotency key), by provider",
  labelNames: ["provider"] as const,
  registers: [registry],
});

/** Figures read from the database at each scrape. */
export interface SharedFigures {
  jobsByState(): Promise<Record<string, number>>;
  holdsOpen(): Promise<{ count: number; tokens: number }>;
  tokensCaptured(): Promise<number>;
  paymentsCredited(): Promise<number>;
}

/** Installs the database-backed gauges (once per process). */
export function readSharedFigures(figures: SharedFigures): void {
  new Gauge({
    name: "bot_jobs",
    help: "Jobs by state, across all instances",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [state, count] of Object.entries(await figures.jobsByState())) this.set({ state }, count);
    },
  });
  new Gauge({
    name: "bot_holds_open",
    help: "Token holds not settled yet",
    registers: [registry],
    async collect() {
      this.set((await figures.holdsOpen()).count);
    },
  });
  new Gauge({
    name: "bot_holds_open_tokens",
    help: "Tokens in holds not settled yet",
    registers: [registry],
    async collect() {
      this.set((await figures.holdsOpen()).tokens);
    },
  });
  new Gauge({
    name: "bot_tokens_captured",
    help: "Tokens captured from holds (charged for delivered results), all time",
    registers: [registry],
    async collect() {
      this.set(await figures.tokensCaptured());
    },
  });
  new Gauge({
    name: "bot_payments_credited",
    help: "Payments credited to balances, all time",
    registers: [registry],
    async collect() {
      this.set(await figures.paymentsCredited());
    },
  });
}
