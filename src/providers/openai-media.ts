import { z } from "zod";
import type { ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import {
  audioUploadName,
  badResponse,
  createMediaHttpClient,
  failedJob,
  type MediaAdapterConfig,
  mimeFromName,
  parseAnswer,
  pathUnderBase,
  startJob,
  toFetchResponse,
  unsupportedOperation,
} from "./media-support.js";
import { appendFields, createMultipart } from "./multipart.js";
import { fieldFor, mapRouteParams } from "./route-params.js";
import type { MediaOutput, MediaProvider, MediaRequest, PollResult, SubmitResult } from "./types.js";

const imagesAnswer = z.object({
  data: z.array(
    z.object({ b64_json: z.string().nullish(), url: z.string().nullish(), revised_prompt: z.string().nullish() }),
  ),
  output_format: z.string().nullish(),
});

const transcriptionAnswer = z.object({ text: z.string() });

const videoAnswer = z.object({
  id: z.string(),
  status: z.enum(["queued", "in_progress", "completed", "failed"]),
  progress: z.number().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

const SPEECH_FORMATS: Record<string, { mime: string; ext: string }> = {
  mp3: { mime: "audio/mpeg", ext: "mp3" },
  opus: { mime: "audio/ogg", ext: "ogg" },
  aac: { mime: "audio/aac", ext: "aac" },
  flac: { mime: "audio/flac", ext: "flac" },
  wav: { mime: "audio/wav", ext: "wav" },
  pcm: { mime: "audio/pcm", ext: "pcm" },
};

/**
 * OpenAI media: `image` → POST /images/generations (or /images/edits when a photo is attached),
 * `speech` → POST /audio/speech, `transcription` → POST /audio/transcriptions, `video` → POST /videos,
 * polled at GET /videos/{id}; the finished video is fetched by `download` with the API key.
 */
export function createOpenAiMediaProvider(config: MediaAdapterConfig): MediaProvider {
  const http = createMediaHttpClient("openai", config, { authorization: `Bearer ${config.apiKey}` });

  /** OpenAI takes an `Idempotency-Key`: a job sent again after a crash is not started twice there. */
  const keyed = (key: string | undefined) => (key ? { headers: { "idempotency-key": key } } : {});

  async function image({ route, prompt, params, file, signal, idempotencyKey }: MediaRequest): Promise<SubmitResult> {
    const { fields } = mapRouteParams(route, params);
    const fileField = file && fieldFor(route, "file", "image");
    let answer: unknown;
    if (file && fileField) {
      const form = createMultipart();
      form.append("model", route.upstream);
      form.append("prompt", prompt ?? "");
      appendFields(form, fields);
      form.append(fileField, file, file.filename);
      answer = await http.json({ method: "POST", path: "/images/edits", form, signal, ...keyed(idempotencyKey) });
    } else {
      const json = { model: route.upstream, prompt: prompt ?? "", ...fields };
      answer = await http.json({
        method: "POST",
        path: "/images/generations",
        json,
        signal,
        ...keyed(idempotencyKey),
      });
    }
    const body = parseAnswer("openai", imagesAnswer, answer, "images");
    // gpt-image models always answer base64; dall-e style models answer a URL valid for an hour.
    const format = body.output_format ?? String(fields.output_format ?? "png");
    const outputs = body.data.flatMap((item, i): MediaOutput[] => {
      if (item.b64_json) {
        const data = Buffer.from(item.b64_json, "base64");
        const mime = `image/${format === "jpg" ? "jpeg" : format}`;
        return [{ type: "bytes", data, mime, filename: `image-${i + 1}.${format}` }];
      }
      if (item.url) return [{ type: "url", url: item.url, mime: mimeFromName(item.url) ?? "image/png" }];
      return [];
    });
    if (outputs.length === 0) throw badResponse("openai", "images: no image in the answer");
    return { status: "done", outputs };
  }

  async function speech({ route, prompt, params, signal }: MediaRequest): Promise<SubmitResult> {
    const { fields } = mapRouteParams(route, params);
    const format = String(fields.response_format ?? "mp3");
    const json = {
      model: route.upstream,
      [fieldFor(route, "prompt", "input") ?? "input"]: prompt ?? "",
      voice: "alloy",
      ...fields,
      response_format: format,
    };
    const { data, mime } = await http.bytes({ method: "POST", path: "/audio/speech", json, signal });
    const known = SPEECH_FORMATS[format];
    return {
      status: "done",
      outputs: [{ type: "bytes", data, mime: known?.mime ?? mime, filename: `speech.${known?.ext ?? format}` }],
    };
  }

  async function transcription({ route, prompt, params, file, signal }: MediaRequest): Promise<SubmitResult> {
    if (!file) throw new ProviderError("openai", "bad_request", "transcription needs an audio file");
    const { fields } = mapRouteParams(route, params);
    const form = createMultipart();
    form.append("file", file, audioUploadName(file));
    form.append("model", route.upstream);
    appendFields(form, fields);
    const promptField = fieldFor(route, "prompt", "prompt");
    if (prompt && promptField) form.set(promptField, prompt);
    // Only the JSON answer has a shape we can read; `text`/`srt` would come back as plain text.
    form.set("response_format", "json");
    const answer = await http.json({ method: "POST", path: "/audio/transcriptions", form, signal });
    const { text } = parseAnswer("openai", transcriptionAnswer, answer, "transcription");
    return { status: "done", outputs: [{ type: "text", text }] };
  }

  async function video({ route, prompt, params, file, signal, idempotencyKey }: MediaRequest): Promise<SubmitResult> {
    const { fields } = mapRouteParams(route, params);
    const form = createMultipart();
    form.append("model", route.upstream);
    form.append("prompt", prompt ?? "");
    appendFields(form, fields);
    const fileField = file && fieldFor(route, "file", "input_reference");
    if (file && fileField) form.append(fileField, file, file.filename);
    const answer = await startJob(http, config, {
      method: "POST",
      path: "/videos",
      form,
      signal,
      ...keyed(idempotencyKey),
    });
    const job = parseAnswer("openai", videoAnswer, answer, "videos");
    return { status: "pending", jobId: job.id, ...(job.progress != null ? { progress: job.progress } : {}) };
  }

  return {
    async submit(request) {
      switch (request.route.operation) {
        case "image":
          return image(request);
        case "speech":
          return speech(request);
        case "transcription":
          return transcription(request);
        case "video":
          return video(request);
        default:
          throw unsupportedOperation("openai", request.route.operation);
      }
    },

    async poll(route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult> {
      if (route.operation !== "video") throw unsupportedOperation("openai", `${route.operation} polling`);
      const path = `/videos/${encodeURIComponent(jobId)}`;
      const job = parseAnswer("openai", videoAnswer, await http.json({ method: "GET", path, signal }), "videos");
      if (job.status === "failed")
        return failedJob(job.error?.message ?? job.error?.code ?? undefined, job.error?.code ?? undefined);
      if (job.status !== "completed")
        return job.progress != null ? { status: "pending", progress: job.progress } : { status: "pending" };
      const url = `${config.baseUrl.replace(/\/+$/, "")}${path}/content`;
      return { status: "done", outputs: [{ type: "url", url, mime: "video/mp4" }] };
    },

    async download(_route, output) {
      const path = pathUnderBase(config.baseUrl, output.url);
      if (path === undefined) return null;
      return toFetchResponse(await http.send({ method: "GET", path }));
    },
  };
}
