import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { createLogger } from "../../src/logger.js";

const logger = createLogger("silent");

describe("the HTTP server on PORT", () => {
  let http: HttpServer;

  afterEach(async () => {
    await http?.close();
  });

  const get = async (port: number, path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: await res.text() };
  };

  it("answers unrouted requests with 404 when nothing else shares the port", async () => {
    http = createHttpServer(logger);
    http.route("GET", "/healthz", (_req, res) => void res.writeHead(200).end("ok"));
    const port = await http.listen(0);
    expect(await get(port, "/healthz")).toEqual({ status: 200, body: "ok" });
    expect((await get(port, "/api/v2/balance")).status).toBe(404);
  });

  it("hands unrouted requests to the fallback, while its own routes still win", async () => {
    http = createHttpServer(logger);
    http.route("GET", "/healthz", (_req, res) => void res.writeHead(200).end("ok"));
    http.fallback((req, res) => void res.writeHead(401).end(`fallback ${req.method} ${req.url}`));
    const port = await http.listen(0);
    expect(await get(port, "/healthz")).toEqual({ status: 200, body: "ok" });
    expect(await get(port, "/api/v2/balance?x=1")).toEqual({ status: 401, body: "fallback GET /api/v2/balance?x=1" });
  });
});
