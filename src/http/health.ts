import type { ServerResponse } from "node:http";
import { withDeadline } from "../startup.js";
import type { Storage } from "../storage/database.js";
import { pendingMigrations } from "../storage/migrate.js";
import { databaseAnswers } from "../storage/probe.js";
import type { HttpServer } from "./server.js";

/** A probe answers within this even when the database hangs (a busy SQLite waits up to 5 s). */
const CHECK_MS = 3_000;

export interface HealthDeps {
  storage: Storage;
  /** Whether updates are arriving: the polling loop alive, or the webhook still set. */
  receivingUpdates(): Promise<boolean>;
}

/**
 * `GET /healthz`: 200 when the database answers and updates arrive, else 503 (restart me).
 * `GET /readyz`: 200 when the database answers and every migration is applied (send me traffic).
 */
export function installHealthRoutes(http: HttpServer, deps: HealthDeps): void {
  const passes = (check: () => Promise<unknown>) =>
    withDeadline(check(), CHECK_MS, () => new Error("check timed out")).then(
      (value) => value !== false,
      () => false,
    );
  const database = () => passes(() => databaseAnswers(deps.storage));

  http.route("GET", "/healthz", async (_req, res) => {
    const [db, updates] = await Promise.all([database(), passes(() => deps.receivingUpdates())]);
    reply(res, { database: db, updates });
  });
  http.route("GET", "/readyz", async (_req, res) => {
    const db = await database();
    const migrations =
      db &&
      (await passes(
        async () => (await pendingMigrations(deps.storage.db as never, deps.storage.dialect)).length === 0,
      ));
    reply(res, { database: db, migrations });
  });
}

function reply(res: ServerResponse, checks: Record<string, boolean>): void {
  const ok = Object.values(checks).every(Boolean);
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: ok ? "ok" : "unavailable", ...checks }));
}
