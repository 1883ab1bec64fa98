import { webhookCallback } from "grammy";
import type { Config } from "../config.js";
import type { HttpServer } from "../http/server.js";
import type { Logger } from "../logger.js";
import type { createBot } from "./index.js";

/**
 * Serves the webhook path of `WEBHOOK_URL` on the shared HTTP server, then tells Telegram about it
 * (after the route exists, so the first delivery finds it). Returns the URL registered.
 */
export async function mountWebhook(
  bot: ReturnType<typeof createBot>,
  config: Config,
  http: HttpServer,
  logger: Logger,
  signal?: Parameters<typeof bot.api.setWebhook>[2],
): Promise<string> {
  const url = new URL(config.webhookUrl ?? "");
  // Handlers only record and start work (a generation is a background job, never awaited here), so
  // Telegram gets its answer within the window; a slow one is answered anyway and finishes after.
  const handle = webhookCallback(bot, "http", { secretToken: config.webhookSecret, onTimeout: "return" });
  http.route("POST", url.pathname, (req, res) => handle(req, res));
  await bot.api.setWebhook(
    url.toString(),
    { secret_token: config.webhookSecret, allowed_updates: [], max_connections: config.webhookMaxConnections },
    signal,
  );
  logger.info({ path: url.pathname }, "webhook set");
  return url.toString();
}
