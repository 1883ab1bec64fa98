import { Readable } from "node:stream";
import type { ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "../providers/errors.js";
import { mimeFromName } from "../providers/media-support.js";
import type { MediaOutput, MediaProvider } from "../providers/types.js";
import type { OpenedOutput } from "./types.js";

type StoredOutput =
  | { type: "url"; url: string; mime?: string }
  | { type: "bytes"; base64: string; mime: string; filename: string }
  | { type: "text"; text: string };

/** Outputs as JSON for the job row, so that a restart can deliver without asking upstream again. */
export function serializeOutputs(outputs: MediaOutput[]): string {
  const stored: StoredOutput[] = outputs.map((o) =>
    o.type === "bytes" ? { type: "bytes", base64: o.data.toString("base64"), mime: o.mime, filename: o.filename } : o,
  );
  return JSON.stringify(stored);
}

export function deserializeOutputs(json: string | null): MediaOutput[] {
  if (!json) return [];
  return (JSON.parse(json) as StoredOutput[]).map((o) =>
    o.type === "bytes"
      ? { type: "bytes", data: Buffer.from(o.base64, "base64"), mime: o.mime, filename: o.filename }
      : o,
  );
}

/** A MIME type from a file name or URL, with a fallback for unknown extensions. */
export function mimeOf(name: string, fallback = "application/octet-stream"): string {
  return mimeFromName(name) ?? fallback;
}

/** Wraps each output with what delivery needs: type, name, and a streaming download for URLs. */
export function openOutputs(outputs: MediaOutput[], route: ProviderRoute, provider?: MediaProvider): OpenedOutput[] {
  return outputs.map((output, index) => {
    if (output.type === "bytes") {
      return { output, mime: output.mime, filename: output.filename, size: output.data.length };
    }
    if (output.type === "text") return { output, mime: "text/plain", filename: `result-${index + 1}.txt` };
    const path = safePath(output.url);
    const mime = output.mime ?? mimeOf(path);
    return {
      output,
      mime,
      filename: path.split("/").pop() || `result-${index + 1}`,
      open: async () => {
        const response =
          (await provider?.download?.(route, output)) ?? (await fetch(output.url, { redirect: "follow" }));
        if (!response.ok || !response.body) {
          throw new ProviderError(route.provider, "bad_response", `output download: HTTP ${response.status}`);
        }
        const length = Number(response.headers.get("content-length"));
        return {
          stream: Readable.fromWeb(response.body as never),
          size: Number.isFinite(length) && length > 0 ? length : undefined,
          mime: response.headers.get("content-type") ?? undefined,
        };
      },
    };
  });
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
