import { once } from "node:events";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the proxy passed on, and which instance answered it. */
export interface Forwarded {
  path: string;
  backend: string;
  status: number;
}

export interface RoundRobinProxy {
  /** Where the proxy listens (plain HTTP on loopback, as behind a TLS terminator). */
  origin: string;
  /** Adds an instance at the end of the rotation. */
  add(name: string, port: number): void;
  forwarded: Forwarded[];
  close(): Promise<void>;
}

/** An instance that refuses connections is down: the request goes to the next one, nothing was sent. */
const DOWN = new Set(["ECONNREFUSED"]);

/**
 * The reverse proxy in front of several bot instances: each request goes to the next instance in
 * turn; one that refuses the connection (killed) is skipped and the next one tried. A request an
 * instance accepted and then dropped (killed mid-request) is answered 502 without a retry, as nginx
 * does for a POST: Telegram itself delivers the update again.
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  const backends: { name: string; port: number }[] = [];
  const forwarded: Forwarded[] = [];
  let next = 0;

  function forward(req: IncomingMessage, body: Buffer, port: number): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const upstream = request(
        { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (let tried = 0; tried < backends.length; tried++) {
      const backend = backends[next++ % backends.length];
      if (backend === undefined) break;
      try {
        const answer = await forward(req, body, backend.port);
        forwarded.push({ path: req.url ?? "/", backend: backend.name, status: answer.status });
        res.writeHead(answer.status).end(answer.body);
        return;
      } catch (error) {
        if (DOWN.has((error as NodeJS.ErrnoException).code ?? "")) continue;
        forwarded.push({ path: req.url ?? "/", backend: backend.name, status: 502 });
        res.writeHead(502).end();
        return;
      }
    }
    res.writeHead(502).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    add: (name, backendPort) => void backends.push({ name, port: backendPort }),
    forwarded,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
