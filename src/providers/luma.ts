import { z } from "zod";
import type { ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import {
  createMediaHttpClient,
  failedJob,
  type MediaAdapterConfig,
  mimeFromName,
  parseAnswer,
  startJob,
  unsupportedOperation,
} from "./media-support.js";
import { fieldFor, mapRouteParams } from "./route-params.js";
import type { InputFile, MediaProvider, MediaRequest, PollResult, SubmitResult } from "./types.js";

const generation = z.object({
  id: z.string(),
  /** queued | dreaming | completed | failed */
  state: z.string(),
  failure_reason: z.string().nullish(),
  generation_type: z.string().nullish(),
  assets: z.object({ image: z.string().nullish(), video: z.string().nullish() }).nullish(),
});
type Generation = z.infer<typeof generation>;

/**
 * Luma Dream Machine: `image` → POST /generations/image, `video` → POST /generations/video, both polled
 * at GET /generations/{id}. Luma fetches reference images itself, so an attached photo needs `file.url`:
 * for images it goes into `input.file` (default `modify_image_ref`; or `image_ref`, `style_ref`,
 * `character_ref`), for video it becomes the start keyframe (`frame0`; `input.file: "frame1"` for the end).
 */
export function createLumaProvider(config: MediaAdapterConfig): MediaProvider {
  const http = createMediaHttpClient("luma", config, { authorization: `Bearer ${config.apiKey}` });

  return {
    async submit({ route, prompt, params, file, signal }: MediaRequest): Promise<SubmitResult> {
      if (route.operation !== "image" && route.operation !== "video") {
        throw unsupportedOperation("luma", route.operation);
      }
      const { fields } = mapRouteParams(route, params);
      const body: Record<string, unknown> = { model: route.upstream, ...fields };
      const promptField = fieldFor(route, "prompt", "prompt");
      if (prompt !== undefined && promptField) body[promptField] = prompt;
      // Luma wants "5s"/"9s"; a catalog that offers 5 and 9 seconds need not spell the suffix.
      if (typeof body.duration === "number") body.duration = `${body.duration}s`;
      if (file) {
        const url = publicUrl(file);
        if (route.operation === "video") {
          const frame = fieldFor(route, "file", "frame0");
          if (frame) body.keyframes = { [frame === "keyframes" ? "frame0" : frame]: { type: "image", url } };
        } else {
          const field = fieldFor(route, "file", "modify_image_ref");
          if (field) body[field] = imageReference(field, url);
        }
      }
      const path = route.operation === "video" ? "/generations/video" : "/generations/image";
      const created = parseAnswer(
        "luma",
        generation,
        await startJob(http, config, { method: "POST", path, json: body, signal }),
        "generation",
      );
      const result = resultOf(created, route);
      return result.status === "done" ? result : { status: "pending", jobId: created.id };
    },

    async poll(route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult> {
      const answer = await http.json({ method: "GET", path: `/generations/${encodeURIComponent(jobId)}`, signal });
      return resultOf(parseAnswer("luma", generation, answer, "generation"), route);
    },
  };
}

function publicUrl(file: InputFile): string {
  if (file.url) return file.url;
  throw new ProviderError("luma", "bad_request", "Luma needs a public URL for the reference image");
}

function imageReference(field: string, url: string): unknown {
  switch (field) {
    case "image_ref":
    case "style_ref":
      return [{ url, weight: 0.85 }];
    case "character_ref":
      return { identity0: { images: [url] } };
    default:
      return { url, weight: 1 };
  }
}

function resultOf(g: Generation, route: ProviderRoute): PollResult {
  if (g.state === "failed") return failedJob(g.failure_reason ?? undefined);
  if (g.state !== "completed") return { status: "pending" };
  const video = route.operation === "video";
  const url = video ? g.assets?.video : g.assets?.image;
  if (!url) return failedJob("Luma finished without a result file");
  return {
    status: "done",
    outputs: [{ type: "url", url, mime: mimeFromName(url) ?? (video ? "video/mp4" : "image/jpeg") }],
  };
}
