import { z } from "zod";
import type { ParamValue, ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import {
  createMediaHttpClient,
  failedJob,
  type MediaAdapterConfig,
  mimeFromName,
  parseAnswer,
  percentFromLogs,
  startJob,
  unsupportedOperation,
} from "./media-support.js";
import { mapRouteParams, takeField } from "./route-params.js";
import type { MediaOutput, MediaProvider, MediaRequest, PollResult, SubmitResult } from "./types.js";

const job = z.object({
  job_id: z.string(),
  /** pending | staged | processing | completed | failed */
  status: z.string(),
  progress: z.number().nullish(),
  output: z
    .object({
      image_url: z.string().nullish(),
      image_urls: z.array(z.string()).nullish(),
      video_url: z.string().nullish(),
      video_urls: z.array(z.string()).nullish(),
    })
    .nullish(),
  error: z.object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }).nullish(),
  logs: z.unknown().optional(),
});
type Job = z.infer<typeof job>;

/** Our parameter names → Midjourney prompt flags (a route's `input` can name the flag directly). */
const FLAGS: Record<string, string> = {
  aspect_ratio: "ar",
  version: "v",
  stylize: "s",
  chaos: "c",
  quality: "q",
  weird: "w",
};
/** Fields whose value is itself the flag: `speed: turbo` → `--turbo`. */
const VALUE_FLAGS = new Set(["speed", "mode"]);
/** video-diffusion fields that are JSON fields, not prompt flags. */
const VIDEO_BODY_FIELDS = ["videoType", "jobId", "imageNo"] as const;

/**
 * Midjourney through LegNext. `diffusion` → POST /api/v1/diffusion `{text}` where the text is the prompt
 * followed by flags built from the fields (`aspect_ratio` → `--ar`, `version` → `--v`, `speed: turbo` →
 * `--turbo`, `true` → a bare flag); `video-diffusion` → POST /api/v1/video-diffusion `{prompt, videoType}`
 * with the start image's URL leading the prompt; a follow-up → POST /api/v1/upscale or /variation
 * `{jobId, imageNo, type}` on an earlier grid. All are polled at GET /api/v1/job/{job_id}.
 */
export function createMidjourneyProvider(config: MediaAdapterConfig): MediaProvider {
  const http = createMediaHttpClient("midjourney", config, { "x-api-key": config.apiKey });

  return {
    async submit({ route, prompt, params, file, followUp, signal }: MediaRequest): Promise<SubmitResult> {
      const { fields } = mapRouteParams(route, params);
      let path: string;
      let json: Record<string, unknown>;
      if (followUp) {
        // U and V under a grid: LegNext runs them on the grid's own job. `type` 0 is a subtle upscale;
        // a variation is a strong one, like Midjourney's own V buttons.
        path = `/api/v1/${followUp.action}`;
        json = { jobId: followUp.jobId, imageNo: followUp.imageNo, type: followUp.action === "upscale" ? 0 : 1 };
      } else if (route.operation === "diffusion") {
        path = "/api/v1/diffusion";
        json = { text: promptText([prompt ?? ""], fields) };
      } else if (route.operation === "video-diffusion" && !file) {
        // Text to video: Midjourney animates one of its own images, so make that image first.
        const created = parseAnswer(
          "midjourney",
          job,
          await startJob(http, config, {
            method: "POST",
            path: "/api/v1/diffusion",
            json: { text: promptText([prompt ?? ""], {}) },
            signal,
          }),
          "job",
        );
        return { status: "pending", jobId: chainId(created.job_id, prompt ?? "", fields), progress: 0 };
      } else if (route.operation === "video-diffusion") {
        if (file && !file.url) {
          throw new ProviderError(
            "midjourney",
            "bad_request",
            "Midjourney video needs a public URL for the start image",
          );
        }
        const body: Record<string, unknown> = {};
        for (const name of VIDEO_BODY_FIELDS) {
          const value = takeField(fields, name);
          if (value !== undefined) body[name] = Number.isNaN(Number(value)) ? value : Number(value);
        }
        path = "/api/v1/video-diffusion";
        json = { ...body, videoType: body.videoType ?? 0, prompt: promptText([file?.url ?? "", prompt ?? ""], fields) };
      } else {
        throw unsupportedOperation("midjourney", route.operation);
      }
      const created = parseAnswer(
        "midjourney",
        job,
        await startJob(http, config, { method: "POST", path, json, signal }),
        "job",
      );
      const result = resultOf(created, route);
      if (result.status === "done") return result;
      return {
        status: "pending",
        jobId: created.job_id,
        ...(result.status === "pending" && result.progress !== undefined ? { progress: result.progress } : {}),
      };
    },

    async poll(route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult> {
      const chain = parseChainId(jobId);
      const id = chain?.imageJob ?? jobId;
      const answer = await http.json({ method: "GET", path: `/api/v1/job/${encodeURIComponent(id)}`, signal });
      const current = parseAnswer("midjourney", job, answer, "job");
      if (!chain) return resultOf(current, route);
      const image = resultOf(current, { ...route, operation: "diffusion" });
      if (image.status !== "done")
        return image.status === "pending" ? { status: "pending", progress: (image.progress ?? 0) / 2 } : image;
      const fields = { ...chain.fields };
      const videoType = takeField(fields, "videoType");
      const video = parseAnswer(
        "midjourney",
        job,
        await startJob(http, config, {
          method: "POST",
          path: "/api/v1/video-diffusion",
          json: {
            jobId: chain.imageJob,
            imageNo: 0,
            videoType: Number(videoType ?? 0),
            prompt: promptText([chain.prompt], fields),
          },
          signal,
        }),
        "job",
      );
      return { status: "pending", jobId: video.job_id, progress: 50 };
    },
  };
}

/** A text-to-video job's id while its first image is made: what the video step will need, in the id itself. */
function chainId(imageJob: string, prompt: string, fields: Record<string, ParamValue>): string {
  return `image:${imageJob}:${Buffer.from(JSON.stringify({ prompt, fields })).toString("base64url")}`;
}

function parseChainId(
  jobId: string,
): { imageJob: string; prompt: string; fields: Record<string, ParamValue> } | undefined {
  const match = /^image:([^:]+):(.+)$/.exec(jobId);
  if (!match?.[1] || !match[2]) return undefined;
  const { prompt, fields } = JSON.parse(Buffer.from(match[2], "base64url").toString("utf8")) as {
    prompt: string;
    fields: Record<string, ParamValue>;
  };
  return { imageJob: match[1], prompt, fields };
}

/**
 * The prompt parts, then `--flag value` for each field. A catalog route may name the flag itself
 * (`input: { aspect_ratio: "--ar" }`) or map a value to a whole flag (`speed: { fast: "--fast" }`):
 * those are used as they are, never prefixed twice.
 */
/**
 * The first flag a user typed (`--turbo`, `--r 40`, or `—v 6` as phones autocorrect it). Midjourney
 * reads everything from there on as parameters, and unpriced ones (`--turbo`, `--r 40`) would cost
 * upstream more than was quoted: the price must come from the parameters alone.
 */
const TYPED_FLAG = /(?:^|\s)(?:--|—)[A-Za-z]/;

/** The user's prompt without any flags typed into it. */
export function withoutTypedFlags(prompt: string): string {
  const at = prompt.search(TYPED_FLAG);
  return at < 0 ? prompt : prompt.slice(0, at);
}

export function promptText(parts: string[], fields: Record<string, ParamValue>): string {
  const words = parts.map((p) => withoutTypedFlags(p).trim()).filter(Boolean);
  const flag = (name: string) => (name.startsWith("--") ? name : `--${FLAGS[name] ?? name}`);
  for (const [name, value] of Object.entries(fields)) {
    if (value === false || value === "") continue;
    if (typeof value === "string" && value.startsWith("--")) words.push(value);
    else if (VALUE_FLAGS.has(name)) words.push(`--${value}`);
    else if (value === true) words.push(flag(name));
    else words.push(`${flag(name)} ${value}`);
  }
  return words.join(" ");
}

function resultOf(j: Job, route: ProviderRoute): PollResult {
  if (j.status === "failed") {
    return failedJob(j.error?.message ?? undefined, j.error?.code == null ? undefined : String(j.error.code));
  }
  if (j.status !== "completed") {
    const progress = j.progress ?? percentFromLogs(j.logs);
    return progress == null ? { status: "pending" } : { status: "pending", progress };
  }
  const out = j.output;
  const video = route.operation === "video-diffusion";
  // The four single images rather than the 2x2 grid, when LegNext gives them.
  const urls = video
    ? pick(out?.video_urls, out?.video_url, out?.image_urls, out?.image_url)
    : pick(out?.image_urls, out?.image_url);
  if (urls.length === 0) return failedJob("Midjourney finished without a result file");
  const fallback = video ? "video/mp4" : "image/png";
  return {
    status: "done",
    outputs: urls.map((url): MediaOutput => ({ type: "url", url, mime: mimeFromName(url) ?? fallback })),
  };
}

function pick(...candidates: (string[] | string | null | undefined)[]): string[] {
  for (const c of candidates) {
    const list = (Array.isArray(c) ? c : c ? [c] : []).filter(Boolean);
    if (list.length > 0) return list;
  }
  return [];
}
