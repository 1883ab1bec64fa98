import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type FakeRoute, match, type RecordedRequest, sendJson, startFakeServer } from "./fake-server.js";
import { controlOf, createListing, type ListingControl } from "./listing.js";
import {
  createFileStore,
  createMediaScript,
  filePart,
  isModerationReason,
  jsonBody,
  type MediaScript,
  MP3_SAMPLE,
  MP4_SAMPLE,
  PNG_1X1,
  parseMultipart,
  type RunningMediaFake,
  route,
  sendFile,
  withControls,
} from "./media-fake-kit.js";
import { createModelGate } from "./openai-fake.js";
import { OPENAI_MODELS } from "./served-models.js";

export interface OpenAiMediaRoutesOptions {
  /** The key the routes accept as `Authorization: Bearer …`. */
  apiKey?: string;
  /** Path prefix the base URL carries (`https://api.openai.com/v1` → `/v1`). */
  prefix?: string;
  /** Scripting state; pass one from `createMediaScript()` to steer the routes. */
  script?: MediaScript;
  /** What transcriptions answer. */
  transcript?: string;
}

const GPT_IMAGE = {
  sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"],
  qualities: ["low", "medium", "high", "auto"],
};
const DALL_E_3 = { sizes: ["1024x1024", "1792x1024", "1024x1792"], qualities: ["standard", "hd"] };
const TTS_MODELS = ["tts-1", "tts-1-hd", "gpt-4o-mini-tts"];
const VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"];
const SPEECH_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"];
const STT_MODELS = ["gpt-transcribe", "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"];
const STT_EXTS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];
const VIDEO_SIZES = ["720x1280", "1280x720", "1024x1792", "1792x1024"];

function apiError(
  res: ServerResponse,
  status: number,
  message: string,
  param: string | null = null,
  code: string | null = null,
  type = "invalid_request_error",
) {
  sendJson(res, status, { error: { message, type, param, code } });
}

const invalidValue = (res: ServerResponse, param: string, value: unknown, allowed: string[]) =>
  apiError(
    res,
    400,
    `Invalid value: '${String(value)}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(", ")}.`,
    param,
    "invalid_value",
  );

/**
 * OpenAI's media endpoints on the wire: images (generations, edits), audio speech and transcriptions,
 * and Sora videos with polling and authenticated content download. Plug into a chat fake's routes, or
 * run alone with `startOpenAiMediaFake`.
 */
export function createOpenAiMediaRoutes(options: OpenAiMediaRoutesOptions = {}): FakeRoute[] {
  const { apiKey = "sk-test", prefix = "/v1", script = createMediaScript() } = options;
  const files = createFileStore("/_fake-files/openai");
  const videos = new Map<string, ReturnType<MediaScript["newJob"]>>();

  const api = (
    method: string,
    pattern: string,
    handle: (req: RecordedRequest, res: ServerResponse, params: Record<string, string>) => unknown,
  ): FakeRoute =>
    route(async (req, res) => {
      const params = match(req, method, `${prefix}${pattern}`);
      if (!params) return false;
      if (script.answerScriptedFailure(res)) return;
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        const shown = String(req.headers.authorization ?? "")
          .replace(/^Bearer /, "")
          .slice(0, 6);
        return apiError(
          res,
          401,
          `Incorrect API key provided: ${shown}****. You can find your API key at https://platform.openai.com/account/api-keys.`,
          null,
          "invalid_api_key",
        );
      }
      await handle(req, res, params);
    });

  function images(req: RecordedRequest, res: ServerResponse, body: Record<string, string>, edit: boolean) {
    const model = body.model ?? "dall-e-2";
    const gpt = model.startsWith("gpt-image");
    if (!gpt && model !== "dall-e-3" && model !== "dall-e-2")
      return invalidValue(res, "model", model, ["gpt-image-2.6-sunburst", "gpt-image-2.6-flare", "gpt-image-2"]);
    if (!body.prompt)
      return apiError(res, 400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
    const spec = gpt ? GPT_IMAGE : DALL_E_3;
    if (body.size !== undefined && !spec.sizes.includes(body.size))
      return invalidValue(res, "size", body.size, spec.sizes);
    if (body.quality !== undefined && !spec.qualities.includes(body.quality))
      return invalidValue(res, "quality", body.quality, spec.qualities);
    if (gpt && body.response_format !== undefined)
      return apiError(res, 400, "Unknown parameter: 'response_format'.", "response_format", "unknown_parameter");
    const n = Number(body.n ?? 1);
    if (model === "dall-e-3" && n !== 1) return apiError(res, 400, "You must provide n=1 for this model.", "n");
    const refused = script.takeJobFailure();
    if (refused !== undefined) {
      const code = isModerationReason(refused) ? "moderation_blocked" : null;
      return apiError(res, 400, refused, null, code, "image_generation_user_error");
    }
    const created = Math.floor(Date.now() / 1000);
    if (gpt) {
      const data = Array.from({ length: n }, () => ({ b64_json: PNG_1X1.toString("base64") }));
      return sendJson(res, 200, {
        created,
        data,
        output_format: body.output_format ?? "png",
        size: body.size ?? "1024x1024",
        quality: body.quality ?? "auto",
        usage: { input_tokens: 10, output_tokens: 272, total_tokens: 282 },
      });
    }
    const revised_prompt = `${body.prompt}, detailed`;
    if (body.response_format === "b64_json")
      return sendJson(res, 200, { created, data: [{ b64_json: PNG_1X1.toString("base64"), revised_prompt }] });
    const size = script.takeOutputSize();
    const url = files.add(req, "png", { sample: PNG_1X1, mime: "image/png", ...(size ? { size } : {}) });
    return sendJson(res, 200, { created, data: [{ url, ...(edit ? {} : { revised_prompt }) }] });
  }

  return [
    files.route,

    api("POST", "/images/generations", (req, res) => {
      const body = jsonBody(req);
      if (!body) return apiError(res, 400, "We could not parse the JSON body of your request.");
      images(req, res, Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])), false);
    }),

    api("POST", "/images/edits", async (req, res) => {
      const form = await parseMultipart(req);
      if (!form) return apiError(res, 400, "Expected multipart/form-data.");
      const image = filePart(form, "image") ?? filePart(form, "image[]");
      if (!image || image.size === 0)
        return apiError(res, 400, "Missing required parameter: 'image'.", "image", "missing_required_parameter");
      const fields: Record<string, string> = {};
      for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
      images(req, res, fields, true);
    }),

    api("POST", "/audio/speech", (req, res) => {
      const body = jsonBody(req);
      if (!body) return apiError(res, 400, "We could not parse the JSON body of your request.");
      if (!TTS_MODELS.includes(String(body.model))) return invalidValue(res, "model", body.model, TTS_MODELS);
      const input = typeof body.input === "string" ? body.input : "";
      if (!input)
        return apiError(res, 400, "Missing required parameter: 'input'.", "input", "missing_required_parameter");
      if (input.length > 4096)
        return apiError(
          res,
          400,
          `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${input.length} instead.`,
          "input",
          "string_above_max_length",
        );
      if (!VOICES.includes(String(body.voice))) return invalidValue(res, "voice", body.voice, VOICES);
      const format = String(body.response_format ?? "mp3");
      if (!SPEECH_FORMATS.includes(format)) return invalidValue(res, "response_format", format, SPEECH_FORMATS);
      const size = script.takeOutputSize();
      sendFile(res, {
        sample: MP3_SAMPLE,
        mime: format === "mp3" ? "audio/mpeg" : `audio/${format}`,
        ...(size ? { size } : {}),
      });
    }),

    api("POST", "/audio/transcriptions", async (req, res) => {
      const form = await parseMultipart(req);
      if (!form) return apiError(res, 400, "Expected multipart/form-data.");
      const file = filePart(form, "file");
      if (!file) return apiError(res, 400, "Missing required parameter: 'file'.", "file", "missing_required_parameter");
      const ext = file.name.includes(".") ? file.name.slice(file.name.lastIndexOf(".") + 1).toLowerCase() : "";
      if (!STT_EXTS.includes(ext))
        return apiError(
          res,
          400,
          `Invalid file format. Supported formats: [${STT_EXTS.map((e) => `'${e}'`).join(", ")}]`,
        );
      const model = String(form.get("model") ?? "");
      if (!STT_MODELS.includes(model)) return invalidValue(res, "model", model, STT_MODELS);
      const text = options.transcript ?? "Hello from the fake transcription.";
      const format = String(form.get("response_format") ?? "json");
      // The GPT transcription models answer json or text only (no subtitles or timestamps).
      if (!model.startsWith("whisper") && !["json", "text"].includes(format))
        return invalidValue(res, "response_format", format, ["json", "text"]);
      if (format === "text") {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(text);
      }
      sendJson(res, 200, { text, usage: { type: "duration", seconds: 3 } });
    }),

    api("POST", "/videos", async (req, res) => {
      const form = await parseMultipart(req);
      if (!form) return apiError(res, 400, "Expected multipart/form-data.");
      const model = String(form.get("model") ?? "sora-2");
      if (model !== "sora-2" && model !== "sora-2-pro")
        return invalidValue(res, "model", model, ["sora-2", "sora-2-pro"]);
      const prompt = form.get("prompt");
      if (typeof prompt !== "string" || !prompt)
        return apiError(res, 400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
      const seconds = String(form.get("seconds") ?? "4");
      if (!["4", "8", "12"].includes(seconds)) return invalidValue(res, "seconds", seconds, ["4", "8", "12"]);
      const size = String(form.get("size") ?? "720x1280");
      if (!VIDEO_SIZES.includes(size)) return invalidValue(res, "size", size, VIDEO_SIZES);
      const job = script.newJob(`video_${randomBytes(16).toString("hex")}`);
      job.data = {
        model,
        seconds,
        size,
        prompt,
        created_at: Math.floor(Date.now() / 1000),
        reference: filePart(form, "input_reference")?.name ?? null,
      };
      videos.set(job.id, job);
      sendJson(res, 200, videoObject(job));
    }),

    api("GET", "/videos/:id/content", (_req, res, { id = "" }) => {
      const job = videos.get(id);
      if (!job) return apiError(res, 404, `Video with id '${id}' not found.`, null, "not_found");
      if (job.state !== "done")
        return apiError(res, 400, "Video is not ready yet, use GET /v1/videos/{video_id} to check status.");
      sendFile(res, { sample: MP4_SAMPLE, mime: "video/mp4", ...(job.outputSize ? { size: job.outputSize } : {}) });
    }),

    api("GET", "/videos/:id", (_req, res, { id = "" }) => {
      const job = videos.get(id);
      if (!job) return apiError(res, 404, `Video with id '${id}' not found.`, null, "not_found");
      sendJson(res, 200, videoObject(script.advance(job)));
    }),
  ];
}

function videoObject(job: ReturnType<MediaScript["newJob"]>) {
  const status = {
    pending: job.pollsLeft < job.pollsTotal ? "in_progress" : "queued",
    done: "completed",
    failed: "failed",
    canceled: "failed",
  }[job.state];
  const error =
    job.state === "failed"
      ? {
          code: isModerationReason(job.failReason ?? "") ? "moderation_blocked" : "video_generation_failed",
          message: job.failReason,
        }
      : null;
  return {
    id: job.id,
    object: "video",
    model: job.data.model,
    status,
    progress: job.progress,
    created_at: job.data.created_at,
    completed_at: job.state === "done" ? Math.floor(Date.now() / 1000) : null,
    expires_at: null,
    size: job.data.size,
    seconds: job.data.seconds,
    quality: "standard",
    remixed_from_video_id: null,
    error,
  };
}

export type OpenAiMediaFake = RunningMediaFake<{ listing: ListingControl }>;

/** The media routes on their own loopback server; `baseUrl` ends in `/v1` like the real one. */
export async function startOpenAiMediaFake(
  options: Omit<OpenAiMediaRoutesOptions, "script"> = {},
): Promise<OpenAiMediaFake> {
  const script = createMediaScript();
  const prefix = options.prefix ?? "/v1";
  const listing = createListing(OPENAI_MODELS);
  const server = await startFakeServer([
    createModelGate(prefix, options.apiKey ?? "sk-test", listing),
    ...createOpenAiMediaRoutes({ ...options, prefix, script }),
  ]);
  return withControls(server, script, prefix, { listing: controlOf(listing) });
}
