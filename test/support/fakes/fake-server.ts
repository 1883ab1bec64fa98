import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a fake received, as the tests inspect it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** The raw body; `json` is set when it parsed as JSON. */
  body: Buffer;
  json?: unknown;
}

/** A route answers a request, or returns `false` to let the next route try. */
export type FakeRoute = (
  req: RecordedRequest,
  res: ServerResponse,
) => boolean | undefined | Promise<boolean | undefined>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a loopback HTTP server that records every request and dispatches it to the first matching route. */
export async function startFakeServer(routes: FakeRoute[]): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://fake");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    if (String(req.headers["content-type"] ?? "").includes("json") && body.length > 0) {
      try {
        recorded.json = JSON.parse(body.toString("utf8"));
      } catch {
        // left undefined: the route decides what a malformed body means
      }
    }
    requests.push(recorded);
    try {
      for (const route of routes) {
        const handled = await route(recorded, res);
        if (handled !== false) return;
      }
      sendJson(res, 404, { error: { message: `no fake route for ${recorded.method} ${recorded.path}` } });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
      else res.end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Matches `METHOD /path/:param` patterns; returns the params or undefined. */
export function match(req: RecordedRequest, method: string, pattern: string): Record<string, string> | undefined {
  if (req.method !== method) return undefined;
  const want = pattern.split("/");
  const got = req.path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const g = got[i] ?? "";
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return undefined;
  }
  return params;
}
