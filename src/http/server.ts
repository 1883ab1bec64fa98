import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";
import { StartupError } from "../startup.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * The one HTTP server on `PORT`: health and readiness probes, and in webhook mode the webhook path.
 * Features add their routes (`/metrics` later) with `route`; anything else goes to the `fallback`
 * (the developer API when it shares this port), or is a 404 when there is none.
 */
export interface HttpServer {
  route(method: "GET" | "POST", path: string, handler: RouteHandler): void;
  /** Serves every request no route matches (one fallback; a later call replaces it). */
  fallback(handler: RouteHandler): void;
  /** Listens on `port` (0 = any free port) and resolves with the port taken. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let fallback: RouteHandler | undefined;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const handler = routes.get(`${req.method} ${path}`) ?? fallback;
    if (!handler) return void res.writeHead(404).end();
    Promise.resolve(handler(req, res)).catch((error) => {
      logger.error({ err: error, path }, "http handler failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    fallback(handler) {
      fallback = handler;
    },
    async listen(port) {
      await new Promise<void>((resolve, reject) => {
        server.once("error", (error: NodeJS.ErrnoException) =>
          reject(new StartupError(`Start-up error: PORT ${port} cannot be used (${error.code ?? error.message})`)),
        );
        server.listen(port, () => resolve());
      });
      const taken = (server.address() as AddressInfo).port;
      logger.info({ port: taken }, "http server listening");
      return taken;
    },
    async close() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
