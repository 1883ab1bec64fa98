import { z } from "zod";
import type { ParamValue, ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import {
  createMediaHttpClient,
  failedJob,
  isRecord,
  type MediaAdapterConfig,
  mimeFromName,
  parseAnswer,
  percentFromLogs,
  startJob,
  unsupportedOperation,
} from "./media-support.js";
import { createMultipart } from "./multipart.js";
import { fieldFor, mapRouteParams, placeFile } from "./route-params.js";
import type { InputFile, MediaOutput, MediaProvider, MediaRequest, PollResult, SubmitResult } from "./types.js";

const prediction = z.object({
  id: z.string(),
  /** starting | processing | succeeded | failed | canceled | aborted */
  status: z.string(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.string().nullish(),
});
type Prediction = z.infer<typeof prediction>;

const uploadedFile = z.object({ urls: z.object({ get: z.string() }) });

/** The longest `Prefer: wait` Replicate honours. */
const MAX_WAIT_SECONDS = 60;

/**
 * Replicate predictions. `upstream` is `owner/name` (official model: POST /models/{owner}/{name}/predictions)
 * or `owner/name:versionhash` (community model: POST /predictions with `version`). The route option
 * `_wait` (seconds, or `true` for 60) asks Replicate to hold the answer until the output is ready.
 * The user's file goes into the field `input.file` names (default `image`; `image_input[]` for a list).
 */
export function createReplicateProvider(config: MediaAdapterConfig): MediaProvider {
  const http = createMediaHttpClient("replicate", config, { authorization: `Bearer ${config.apiKey}` });

  /**
   * Where a prediction finds the user's file: its public URL, or a Replicate file it was streamed to
   * (POST /files), never a `data:` URI (that would hold the whole file in memory, base64 on top).
   */
  async function reference(file: InputFile, signal?: AbortSignal): Promise<string> {
    if (file.url) return file.url;
    const form = createMultipart();
    form.append("content", file, file.filename);
    const answer = await http.json({ method: "POST", path: "/files", form, signal });
    return parseAnswer("replicate", uploadedFile, answer, "file").urls.get;
  }

  return {
    async submit({ route, prompt, params, file, file2, signal }: MediaRequest): Promise<SubmitResult> {
      if (route.operation !== "prediction") throw unsupportedOperation("replicate", route.operation);
      const { fields, options } = mapRouteParams(route, params);
      const input: Record<string, unknown> = { ...fields };
      const promptField = fieldFor(route, "prompt", "prompt");
      if (prompt !== undefined && promptField) input[promptField] = prompt;
      const fileField = file && fieldFor(route, "file", "image");
      if (file && fileField) placeFile(input, fileField, await reference(file, signal));
      const secondField = file2 && fieldFor(route, "file2", "");
      if (file2 && secondField) placeFile(input, secondField, await reference(file2, signal));

      // A community model is run as `owner/name:hash`, the form that names the model as well as its version.
      const [model, hash] = splitUpstream(route.upstream);
      const version = hash === undefined ? undefined : route.upstream;
      const wait = waitSeconds(options._wait);
      const answer = await startJob(http, config, {
        method: "POST",
        path: version ? "/predictions" : `/models/${model}/predictions`,
        json: version ? { version, input } : { input },
        headers: wait ? { prefer: `wait=${wait}` } : undefined,
        signal,
      }).catch((error: unknown) => {
        throw inputRefusal(error);
      });
      const created = parseAnswer("replicate", prediction, answer, "prediction");
      const result = resultOf(created);
      // A prediction that already failed is reported by the first poll, with its reason.
      if (result.status === "done") return result;
      return { status: "pending", jobId: created.id, ...(result.status === "pending" ? progressOf(result) : {}) };
    },

    async poll(_route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult> {
      const answer = await http.json({ method: "GET", path: `/predictions/${encodeURIComponent(jobId)}`, signal });
      return resultOf(parseAnswer("replicate", prediction, answer, "prediction"));
    },

    async cancel(_route: ProviderRoute, jobId: string): Promise<void> {
      const response = await http.send({ method: "POST", path: `/predictions/${encodeURIComponent(jobId)}/cancel` });
      await response.body.dump();
    },
  };
}

/**
 * A 422 on create is Replicate's check of the input against the model's schema: our request is wrong,
 * whatever words it holds. Its text names fields (`safety_tolerance`, `disable_safety_checker`), which
 * must not make it read as a moderation refusal: the content was never looked at.
 */
function inputRefusal(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.status !== 422 || error.kind === "bad_request") return error;
  return new ProviderError(error.provider, "bad_request", error.message, error.status, error.reason);
}

function splitUpstream(upstream: string): [model: string, version: string | undefined] {
  const colon = upstream.indexOf(":");
  return colon < 0 ? [upstream, undefined] : [upstream.slice(0, colon), upstream.slice(colon + 1)];
}

function waitSeconds(option: ParamValue | undefined): number | undefined {
  if (option === true) return MAX_WAIT_SECONDS;
  const seconds = Number(option);
  if (option === undefined || option === false || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.round(seconds)));
}

function progressOf(result: { progress?: number }): { progress?: number } {
  return result.progress === undefined ? {} : { progress: result.progress };
}

function resultOf(p: Prediction): PollResult {
  switch (p.status) {
    case "succeeded": {
      const outputs = outputsOf(p.output);
      return outputs.length > 0 ? { status: "done", outputs } : failedJob("The model returned no output");
    }
    case "failed":
    case "canceled":
    case "aborted":
      return failedJob(errorText(p.error) ?? p.status);
    default: {
      const progress = percentFromLogs(p.logs);
      return progress === undefined ? { status: "pending" } : { status: "pending", progress };
    }
  }
}

function errorText(error: unknown): string | undefined {
  if (typeof error === "string") return error || undefined;
  if (isRecord(error)) return String(error.detail ?? error.message ?? JSON.stringify(error));
  return undefined;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s) || s.startsWith("data:");

/** Output is a URL, a list of URLs, text chunks (language models stream words), or an object of those. */
export function outputsOf(output: unknown): MediaOutput[] {
  if (output === null || output === undefined) return [];
  if (typeof output === "string") return [one(output)];
  if (Array.isArray(output)) {
    if (output.every((item) => typeof item === "string") && !output.some(isUrl)) {
      const text = output.join("");
      return text.trim() === "" ? [] : [{ type: "text", text }];
    }
    return output.flatMap(outputsOf);
  }
  if (isRecord(output))
    return Object.values(output)
      .filter((v) => typeof v === "string" && isUrl(v))
      .flatMap(outputsOf);
  if (typeof output === "number" || typeof output === "boolean") return [{ type: "text", text: String(output) }];
  return [];
}

function one(value: string): MediaOutput {
  const data = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(value);
  if (data) {
    const mime = data[1] ?? "application/octet-stream";
    const bytes = data[2] ? Buffer.from(data[3] ?? "", "base64") : Buffer.from(decodeURIComponent(data[3] ?? ""));
    return { type: "bytes", data: bytes, mime, filename: `output.${mime.split("/")[1] ?? "bin"}` };
  }
  if (isUrl(value)) {
    const mime = mimeFromName(value);
    return mime ? { type: "url", url: value, mime } : { type: "url", url: value };
  }
  return { type: "text", text: value };
}
