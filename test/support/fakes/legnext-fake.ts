import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { match, type RecordedRequest, sendJson, startFakeServer } from "./fake-server.js";
import {
  createFileStore,
  createMediaScript,
  type FakeJob,
  isModerationReason,
  jsonBody,
  MP4_SAMPLE,
  PNG_1X1,
  type RunningMediaFake,
  route,
  withControls,
} from "./media-fake-kit.js";

export type LegNextFake = RunningMediaFake<{ jobs: Map<string, FakeJob> }>;

const VERSIONS = ["5", "5.1", "5.2", "6", "6.1", "7"];

/** Midjourney through LegNext at its root (paths `/api/v1/…`), authenticated by `x-api-key`. */
export async function startLegNextFake(options: { apiKey?: string } = {}): Promise<LegNextFake> {
  const apiKey = options.apiKey ?? "legnext-test";
  const script = createMediaScript();
  const files = createFileStore("/_fake-files/legnext");
  const jobs = new Map<string, FakeJob>();
  const fail = (res: ServerResponse, status: number, message: string) =>
    sendJson(res, status, { code: status, message, data: null });

  function outputs(req: RecordedRequest, job: FakeJob) {
    const size = job.outputSize ? { size: job.outputSize } : {};
    if (job.data.type === "video_diffusion") {
      const videos = [0, 1, 2, 3].map((i) =>
        files.add(req, "mp4", { sample: MP4_SAMPLE, mime: "video/mp4", ...(i === 0 ? size : {}) }),
      );
      return { image_url: videos[0], video_urls: videos, seed: "1234" };
    }
    // An upscale is one image; LegNext answers it in image_url alone.
    if (job.data.type === "upscale") {
      return {
        image_url: files.add(req, "png", { sample: PNG_1X1, mime: "image/png" }),
        image_urls: null,
        seed: "1234",
      };
    }
    const images = [0, 1, 2, 3].map((i) =>
      files.add(req, "png", { sample: PNG_1X1, mime: "image/png", ...(i === 0 ? size : {}) }),
    );
    return {
      image_url: files.add(req, "png", { sample: PNG_1X1, mime: "image/png" }),
      image_urls: images,
      seed: "1234",
    };
  }

  function view(req: RecordedRequest, job: FakeJob) {
    if (job.state === "done" && !job.data.output) job.data.output = outputs(req, job);
    const started = job.pollsLeft < job.pollsTotal;
    const status = {
      pending: started ? "processing" : "pending",
      done: "completed",
      failed: "failed",
      canceled: "failed",
    }[job.state];
    const failed = job.state === "failed";
    return {
      job_id: job.id,
      model: "midjourney",
      task_type: job.data.type,
      status,
      config: { service_mode: "public", webhook_config: { endpoint: "", secret: "" } },
      input: job.data.input,
      output: job.state === "done" ? job.data.output : { image_url: "", image_urls: null, seed: "" },
      meta: {
        created_at: job.data.created_at,
        usage: { type: "point", frozen: 8, consume: job.state === "done" ? 8 : 0 },
      },
      detail: null,
      logs: started && job.state === "pending" ? [`[processing] ${job.progress}%`] : [],
      error: {
        code: failed ? (isModerationReason(job.failReason ?? "") ? 10007 : 10000) : 0,
        message: failed ? job.failReason : "",
      },
    };
  }

  function create(
    req: RecordedRequest,
    res: ServerResponse,
    type: "diffusion" | "video_diffusion" | "upscale" | "variation",
    input: Record<string, unknown>,
  ) {
    const job = script.newJob(randomUUID());
    job.data = { type, input, created_at: new Date().toISOString() };
    jobs.set(job.id, job);
    sendJson(res, 200, view(req, job));
  }

  /** Checks the flags Midjourney itself would refuse. */
  function badFlag(text: string): string | undefined {
    const version = /--v\s+(\S+)/.exec(text)?.[1];
    if (version !== undefined && !VERSIONS.includes(version)) return `Invalid parameter: --v ${version}`;
    const ratio = /--ar\s+(\S+)/.exec(text)?.[1];
    if (ratio !== undefined && !/^\d+:\d+$/.test(ratio)) return `Invalid aspect ratio: ${ratio}`;
    return undefined;
  }

  const server = await startFakeServer([
    files.route,
    route(async (req, res) => {
      if (!req.path.startsWith("/api/")) return false;
      if (script.answerScriptedFailure(res)) return;
      if (req.headers["x-api-key"] !== apiKey) return fail(res, 401, "Invalid API key");
      if (match(req, "POST", "/api/v1/diffusion")) {
        const text = jsonBody(req)?.text;
        if (typeof text !== "string" || text.length === 0 || text.length > 8192)
          return fail(res, 400, "text is required (1-8192 characters)");
        const bad = badFlag(text);
        if (bad) return fail(res, 400, bad);
        return create(req, res, "diffusion", { text });
      }
      if (match(req, "POST", "/api/v1/video-diffusion")) {
        const body = jsonBody(req) ?? {};
        const hasSource = typeof body.jobId === "string" && body.imageNo !== undefined;
        if (!hasSource && (typeof body.prompt !== "string" || !body.prompt))
          return fail(res, 400, "prompt or jobId+imageNo is required");
        if (body.videoType !== undefined && body.videoType !== 0 && body.videoType !== 1)
          return fail(res, 400, "videoType must be 0 (480p) or 1 (720p)");
        return create(req, res, "video_diffusion", body);
      }
      const followUp = match(req, "POST", "/api/v1/upscale")
        ? "upscale"
        : match(req, "POST", "/api/v1/variation")
          ? "variation"
          : undefined;
      if (followUp) {
        // Follow-ups run on a finished grid of this account: its job id and one of its four images.
        const body = jsonBody(req) ?? {};
        const source = jobs.get(typeof body.jobId === "string" ? body.jobId : "");
        if (source?.state !== "done" || source.data.type === "upscale")
          return fail(res, 400, "jobId must name a completed grid job");
        if (typeof body.imageNo !== "number" || ![0, 1, 2, 3].includes(body.imageNo))
          return fail(res, 400, "imageNo must be 0-3");
        if (body.type !== undefined && body.type !== 0 && body.type !== 1) return fail(res, 400, "type must be 0 or 1");
        return create(req, res, followUp, body);
      }
      const get = match(req, "GET", "/api/v1/job/:id");
      const job = jobs.get(get?.id ?? "");
      if (get && job) return sendJson(res, 200, view(req, script.advance(job)));
      return fail(res, 404, "job not found");
    }),
  ]);

  return withControls(server, script, "", { jobs });
}
