import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TelegramApiError } from "./api-error.js";
import type { EmulatorCore, MethodHandler, MethodTable } from "./core.js";
import { summarizeParams } from "./diagnostics.js";
import { createFloodControl } from "./flood-control.js";
import { parseBody, readBody, type UploadedFile } from "./multipart.js";
import type { Params } from "./params.js";
import type { ApiCall, FloodLimitOptions, InjectedFault } from "./types.js";
import type { Connection } from "./update-queue.js";

export interface HttpServerOptions {
  core: EmulatorCore;
  methods: MethodTable;
  calls: ApiCall[];
  /** Queued faults keyed by lower-cased method name. */
  faults: Map<string, InjectedFault[]>;
  floodLimit: FloodLimitOptions | undefined;
}

export interface RunningServer {
  apiRoot: string;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

/** Recorded params show uploads as `<upload name, N bytes>` instead of `attach://` ids. */
function recordedParams(params: Params, uploads: Map<string, UploadedFile>): Record<string, unknown> {
  const describe = (file: UploadedFile): string => `<upload ${file.filename}, ${file.bytes.length} bytes>`;
  const result: Record<string, unknown> = {};
  const referenced = new Set<string>();
  for (const [key, value] of Object.entries(params)) {
    const upload = typeof value === "string" && value.startsWith("attach://") ? uploads.get(value.slice(9)) : undefined;
    if (upload !== undefined) referenced.add(upload.field);
    result[key] = upload === undefined ? value : describe(upload);
  }
  for (const [name, upload] of uploads) if (!referenced.has(name)) result[name] = describe(upload);
  return result;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { core, calls, faults } = options;
  const handlers = new Map<string, { name: string; handler: MethodHandler }>(
    Object.entries(options.methods).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
  );
  const checkFlood = createFloodControl(options.floodLimit);

  const takeFault = (method: string, params: Record<string, unknown>): TelegramApiError | undefined => {
    const queue = faults.get(method.toLowerCase()) ?? [];
    // A fault aimed at one chat waits for a call to that chat; others hit the next call.
    const index = queue.findIndex((f) => f.chat_id === undefined || String(f.chat_id) === String(params.chat_id));
    const fault = index < 0 ? undefined : queue.splice(index, 1)[0];
    if (fault === undefined) return undefined;
    return new TelegramApiError(fault.error_code, fault.description, {
      violation: false,
      hint: "injected by failNext",
      ...(fault.retry_after === undefined ? {} : { retryAfter: fault.retry_after }),
    });
  };

  const serveFile = (res: ServerResponse, token: string, path: string, at: number): void => {
    const file = token === core.token ? core.files.byPath(decodedPath(path)) : undefined;
    const ok = file?.bytes !== undefined;
    calls.push({
      method: "(file download)",
      params: { file_path: path },
      at,
      ok,
      ...(ok ? {} : { error: "404 Not Found", error_code: 404 }),
    });
    if (file?.bytes === undefined) {
      const why =
        file === undefined ? "no such file_path for this token" : "file was sent by URL; the emulator never fetched it";
      core.violate(`GET /file/bot…/${path}: 404 Not Found — ${why}`);
      json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    res.writeHead(200, {
      "content-type": file.mime_type ?? "application/octet-stream",
      "content-length": file.bytes.length,
    });
    res.end(file.bytes);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute !== null && req.method === "GET") {
      serveFile(res, fileRoute[1] ?? "", fileRoute[2] ?? "", at);
      return;
    }

    let closed = false;
    const closeListeners: Array<() => void> = [];
    res.on("close", () => {
      closed = true;
      for (const listener of closeListeners.splice(0)) listener();
    });
    const connection: Connection = { isOpen: () => !closed, onClose: (listener) => closeListeners.push(listener) };

    const route = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    const entry = route === null ? undefined : handlers.get((route[2] ?? "").toLowerCase());
    const method = entry?.name ?? route?.[2] ?? url.pathname;
    let params: Record<string, unknown> = {};
    try {
      const body = await readBody(req);
      if (route === null)
        throw new TelegramApiError(404, "Not Found", { hint: `${req.method} ${url.pathname} is not a Bot API path` });
      if (route[1] !== core.token)
        throw new TelegramApiError(401, "Unauthorized", { hint: "the request used a different bot token" });
      const parsed = parseBody(req.headers["content-type"], body, url.searchParams);
      params = recordedParams(parsed.params, parsed.uploads);
      if (entry === undefined)
        throw new TelegramApiError(404, "Not Found", { hint: `unknown or unemulated method "${method}"` });
      const fault = takeFault(method, parsed.params);
      if (fault !== undefined) throw fault;
      checkFlood(method, parsed.params);
      const result = await entry.handler({ method, params: parsed.params, uploads: parsed.uploads, connection });
      calls.push({ method, params, at, ok: true, result });
      const gap = emptyKeyboardRow(parsed.params.reply_markup);
      if (gap !== undefined)
        core.violate(
          `${method}: an empty keyboard row (row ${gap}), which the product allows nowhere — params ${summarizeParams(params)}`,
        );
      json(res, 200, { ok: true, result });
    } catch (error) {
      const apiError =
        error instanceof TelegramApiError
          ? error
          : new TelegramApiError(500, "Internal Server Error", {
              hint: `emulator bug: ${error instanceof Error ? error.stack : String(error)}`,
            });
      calls.push({ method, params, at, ok: false, error: apiError.description, error_code: apiError.error_code });
      if (apiError.violation) {
        const hint = apiError.hint === undefined ? "" : ` — ${apiError.hint}`;
        core.violate(
          `${method}: ${apiError.error_code} ${apiError.description}${hint} — params ${summarizeParams(params)}`,
        );
      }
      json(res, apiError.error_code, apiError.toResponse());
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  // Like Telegram's servers, keep a connection open between calls. (A 1 s hint made Node's agent
  // count every idle connection as expired at once, so each call opened a new one.)
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A download path as the file server reads it; malformed percent-encoding names no file. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return "";
  }
}

/**
 * The index of an empty row of an inline keyboard Telegram accepted, if any. Telegram takes it, but
 * the product allows none (issue 9: no empty keyboard rows), so a test run counts it as a broken rule.
 */
function emptyKeyboardRow(markup: unknown): number | undefined {
  let value = markup;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const rows = (value as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows) || rows.flat().length === 0) return undefined;
  const index = rows.findIndex((row) => Array.isArray(row) && row.length === 0);
  return index < 0 ? undefined : index;
}
