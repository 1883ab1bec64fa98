import { afterEach, describe, expect, it } from "vitest";
import { installHealthRoutes } from "../../src/http/health.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { createLogger } from "../../src/logger.js";
import { openStorage, type Storage } from "../../src/storage/database.js";
import { testStorages } from "../support/storage.js";

const logger = createLogger("silent");

describe.each(testStorages())("health routes on $name", ({ open }) => {
  let http: HttpServer;
  let storage: Storage | undefined;

  const serve = async (s: Storage, receiving: boolean) => {
    http = createHttpServer(logger);
    installHealthRoutes(http, { storage: s, receivingUpdates: async () => receiving });
    const port = await http.listen(0);
    return async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: res.status, body: await res.json() };
    };
  };

  afterEach(async () => {
    await http?.close();
    await storage?.close().catch(() => undefined);
    storage = undefined;
  });

  it("is healthy and ready when the database answers, updates arrive and migrations are applied", async () => {
    storage = await open();
    const get = await serve(storage, true);
    expect(await get("/healthz")).toEqual({ status: 200, body: { status: "ok", database: true, updates: true } });
    expect(await get("/readyz")).toEqual({ status: 200, body: { status: "ok", database: true, migrations: true } });
  });

  it("is unhealthy while no updates arrive", async () => {
    storage = await open();
    const get = await serve(storage, false);
    expect(await get("/healthz")).toEqual({
      status: 503,
      body: { status: "unavailable", database: true, updates: false },
    });
  });

  it("is unhealthy and not ready when the database does not answer", async () => {
    const closed = await open();
    await closed.close();
    const get = await serve(closed, true);
    expect(await get("/healthz")).toMatchObject({ status: 503, body: { database: false, updates: true } });
    expect(await get("/readyz")).toMatchObject({ status: 503, body: { database: false } });
  });
});

describe("readiness", () => {
  it("is not ready while migrations are pending", async () => {
    const storage = openStorage("sqlite::memory:");
    const http = createHttpServer(logger);
    installHealthRoutes(http, { storage, receivingUpdates: async () => true });
    const port = await http.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", database: true, migrations: false });
      expect((await fetch(`http://127.0.0.1:${port}/nothing-here`)).status).toBe(404);
    } finally {
      await http.close();
      await storage.close();
    }
  });
});
