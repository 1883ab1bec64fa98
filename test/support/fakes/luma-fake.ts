import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { match, type RecordedRequest, sendJson, startFakeServer } from "./fake-server.js";
import {
  createFileStore,
  createMediaScript,
  type FakeJob,
  jsonBody,
  MP4_SAMPLE,
  PNG_1X1,
  type RunningMediaFake,
  route,
  withControls,
} from "./media-fake-kit.js";

export type LumaFake = RunningMediaFake<{ generations: Map<string, FakeJob> }>;

const IMAGE_MODELS = ["photon-1", "photon-flash-1"];
const VIDEO_MODELS = ["ray-2", "ray-flash-2", "ray-1-6"];
const RESOLUTIONS = ["540p", "720p", "1080p", "4k"];
const DURATIONS = ["5s", "9s"];

/** Luma Dream Machine under `/dream-machine/v1`: image and video generations, polled by id. */
export async function startLumaFake(options: { apiKey?: string } = {}): Promise<LumaFake> {
  const apiKey = options.apiKey ?? "luma-test";
  const script = createMediaScript();
  const files = createFileStore("/_fake-files/luma");
  const generations = new Map<string, FakeJob>();
  const detail = (res: ServerResponse, status: number, message: string) => sendJson(res, status, { detail: message });

  function view(req: RecordedRequest, job: FakeJob) {
    const video = job.data.type === "video";
    if (job.state === "done" && !job.data.assets) {
      const size = job.outputSize ? { size: job.outputSize } : {};
      const image = files.add(req, "png", { sample: PNG_1X1, mime: "image/png", ...(video ? {} : size) });
      job.data.assets = video
        ? { video: files.add(req, "mp4", { sample: MP4_SAMPLE, mime: "video/mp4", ...size }), image }
        : { image };
    }
    return {
      id: job.id,
      generation_type: job.data.type,
      state: {
        pending: job.pollsLeft < job.pollsTotal ? "dreaming" : "queued",
        done: "completed",
        failed: "failed",
        canceled: "failed",
      }[job.state],
      failure_reason: job.state === "failed" ? job.failReason : null,
      created_at: job.data.created_at,
      assets: job.state === "done" ? job.data.assets : null,
      model: job.data.model,
      request: job.data.request,
    };
  }

  function create(req: RecordedRequest, res: ServerResponse, type: "image" | "video") {
    const body = jsonBody(req);
    if (!body) return detail(res, 400, "Invalid JSON body");
    const models = type === "image" ? IMAGE_MODELS : VIDEO_MODELS;
    const model = String(body.model ?? models[0]);
    if (!models.includes(model)) return detail(res, 400, `Invalid model: ${model}`);
    const keyframes = body.keyframes as Record<string, { type?: string; url?: string }> | undefined;
    if (!body.prompt && !keyframes) return detail(res, 400, "prompt is required");
    for (const frame of Object.values(keyframes ?? {})) {
      if (frame.type === "image" && !/^https?:\/\//.test(frame.url ?? ""))
        return detail(res, 400, "Invalid keyframe: image url must be a public http(s) URL");
    }
    for (const ref of ["modify_image_ref", "image_ref", "style_ref"]) {
      const value = body[ref];
      const urls = (Array.isArray(value) ? value : value ? [value] : []) as { url?: string }[];
      if (urls.some((r) => !/^https?:\/\//.test(r.url ?? "")))
        return detail(res, 400, `Invalid ${ref}: url must be a public http(s) URL`);
    }
    if (type === "video" && body.resolution !== undefined && !RESOLUTIONS.includes(String(body.resolution)))
      return detail(res, 400, `Invalid resolution: ${body.resolution}`);
    if (type === "video" && body.duration !== undefined && !DURATIONS.includes(String(body.duration)))
      return detail(res, 400, `Invalid duration: ${body.duration}`);
    const job = script.newJob(randomUUID());
    job.data = { type, model, request: body, created_at: new Date().toISOString() };
    generations.set(job.id, job);
    sendJson(res, 201, view(req, job));
  }

  const server = await startFakeServer([
    files.route,
    route(async (req, res) => {
      if (!req.path.startsWith("/dream-machine/v1/")) return false;
      if (script.answerScriptedFailure(res)) return;
      if (req.headers.authorization !== `Bearer ${apiKey}`) return detail(res, 401, "Invalid API key");
      if (match(req, "POST", "/dream-machine/v1/generations/image")) return create(req, res, "image");
      if (
        match(req, "POST", "/dream-machine/v1/generations/video") ||
        match(req, "POST", "/dream-machine/v1/generations")
      ) {
        return create(req, res, "video");
      }
      const get = match(req, "GET", "/dream-machine/v1/generations/:id");
      const job = generations.get(get?.id ?? "");
      if (get && job) return sendJson(res, 200, view(req, script.advance(job)));
      return detail(res, 404, "Generation not found");
    }),
  ]);

  return withControls(server, script, "/dream-machine/v1", { generations });
}
