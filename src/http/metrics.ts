import { registry } from "../metrics.js";
import type { HttpServer } from "./server.js";

/** `GET /metrics`: Prometheus text format. */
export function installMetricsRoute(http: HttpServer): void {
  http.route("GET", "/metrics", async (_req, res) => {
    try {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(body);
    } catch {
      // A database that does not answer fails the scrape, visibly, instead of reporting zeros.
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("metrics unavailable\n");
    }
  });
}
