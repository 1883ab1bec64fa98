import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { match, type RecordedRequest, sendJson, startFakeServer } from "./fake-server.js";
import { controlOf, createListing, type ListingControl } from "./listing.js";
import {
  createFileStore,
  createMediaScript,
  type FakeJob,
  filePart,
  jsonBody,
  MP3_SAMPLE,
  MP4_SAMPLE,
  PNG_1X1,
  parseMultipart,
  type RunningMediaFake,
  route,
  withControls,
} from "./media-fake-kit.js";
import { checkInput, invalidInputBody } from "./replicate-input.js";
import { REPLICATE_INPUT_SCHEMAS } from "./replicate-schemas.js";
import { REPLICATE_MODELS } from "./served-models.js";

/** How the next prediction's `output` is shaped (real models differ). */
export type ReplicateOutputShape = "url" | "urls" | "text";

export interface ReplicateFakeExtra {
  /** Shapes the next prediction's output; by default it follows the model (sd-3.5 → list, llama → text, else one URL). */
  nextOutput(shape: ReplicateOutputShape): void;
  /**
   * Predictions by id, with the body they were created from; `data.ignoredInput` names the input fields
   * the model has none of (Replicate drops them without a word, so a misnamed field is silently lost).
   */
  predictions: Map<string, FakeJob>;
  /** The `owner/name` models `GET /v1/models/{owner}/{name}` knows and predictions accept (see listing.ts). */
  listing: ListingControl;
  /** Files uploaded through POST /v1/files, by the URL that predictions refer to them with. */
  uploads: Map<string, { name: string; type: string; bytes: Buffer }>;
}

export type ReplicateFake = RunningMediaFake<ReplicateFakeExtra>;

/**
 * Replicate's predictions API under `/v1`: official-model and versioned creates, `Prefer: wait`,
 * polling, cancel, and delivery URLs for the files it "generated". An input its model's published schema
 * refuses (a wrong type, a value outside the enum or range, a required field missing) is answered 422
 * as Replicate answers it; a field the model has no input for is dropped, as Replicate drops it.
 */
export async function startReplicateFake(
  options: { token?: string; models?: readonly string[] } = {},
): Promise<ReplicateFake> {
  const token = options.token ?? "r8_test";
  const listing = createListing(options.models ?? REPLICATE_MODELS);
  const notFound = (res: ServerResponse) => sendJson(res, 404, { detail: "Not found.", status: 404 });
  const script = createMediaScript();
  const files = createFileStore("/_fake-files/replicate");
  const predictions = new Map<string, FakeJob>();
  const uploads = new Map<string, { name: string; type: string; bytes: Buffer }>();
  let shape: ReplicateOutputShape | undefined;

  const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
    sendJson(res, status, { title, detail, status }, { "content-type": "application/problem+json" });

  function output(req: RecordedRequest, job: FakeJob): unknown {
    const model = String(job.data.model);
    const kind = /musicgen|audio|tts|music/.test(model)
      ? "audio"
      : /video|kling|veo|hailuo|minimax|wan|seedance/.test(model)
        ? "video"
        : "image";
    const chosen =
      (job.data.shape as ReplicateOutputShape | undefined) ??
      (/llama|gpt|claude|ocr|caption|blip/.test(model) ? "text" : /stable-diffusion|sdxl/.test(model) ? "urls" : "url");
    if (chosen === "text") return ["The ", "fake ", "model ", "says ", "hello."];
    const sample = {
      audio: { sample: MP3_SAMPLE, mime: "audio/mpeg", ext: "mp3" },
      video: { sample: MP4_SAMPLE, mime: "video/mp4", ext: "mp4" },
      image: { sample: PNG_1X1, mime: "image/png", ext: "png" },
    }[kind];
    const url = files.add(req, sample.ext, {
      sample: sample.sample,
      mime: sample.mime,
      ...(job.outputSize ? { size: job.outputSize } : {}),
    });
    return chosen === "urls" ? [url] : url;
  }

  function view(req: RecordedRequest, job: FakeJob) {
    if (job.state === "done" && job.data.output === undefined) job.data.output = output(req, job);
    const status = {
      pending: job.pollsLeft < job.pollsTotal ? "processing" : "starting",
      done: "succeeded",
      failed: "failed",
      canceled: "canceled",
    }[job.state];
    const base = `http://${req.headers.host}/v1/predictions/${job.id}`;
    return {
      id: job.id,
      model: job.data.model,
      version: job.data.version,
      input: job.data.input,
      logs:
        job.state === "pending" && job.pollsLeft < job.pollsTotal
          ? `Generating...\n${job.progress}%|####      | step`
          : "",
      output: job.state === "done" ? job.data.output : null,
      data_removed: false,
      error: job.state === "failed" ? job.failReason : null,
      status,
      created_at: job.data.created_at,
      urls: { cancel: `${base}/cancel`, get: base, web: `https://replicate.com/p/${job.id}` },
      ...(job.state === "done" ? { metrics: { predict_time: 1.2 } } : {}),
    };
  }

  function create(req: RecordedRequest, res: ServerResponse, model: string, version: string) {
    const body = jsonBody(req);
    if (!body || typeof body.input !== "object" || body.input === null) {
      return sendJson(res, 422, {
        detail: "- input: Invalid type. Expected: object, given: null\n",
        status: 422,
        title: "Input validation failed",
      });
    }
    const schema = REPLICATE_INPUT_SCHEMAS[model];
    const check = schema ? checkInput(schema, body.input as Record<string, unknown>) : undefined;
    if (check && check.invalid.length > 0) return sendJson(res, 422, invalidInputBody(check.invalid));
    const job = script.newJob(randomBytes(13).toString("hex").slice(0, 26));
    job.data = {
      model,
      version,
      input: body.input,
      ignoredInput: check?.ignored ?? [],
      created_at: new Date().toISOString(),
      ...(shape ? { shape } : {}),
    };
    shape = undefined;
    predictions.set(job.id, job);
    // Prefer: wait (with or without =N) holds the answer until a fast model is done.
    if (/\bwait\b/.test(String(req.headers.prefer ?? "")) && job.pollsTotal === 0) script.settle(job);
    sendJson(res, 201, view(req, job));
  }

  const server = await startFakeServer([
    files.route,
    route(async (req, res) => {
      if (!req.path.startsWith("/v1/")) return false;
      // The model lookup answers before scripted failures, so a health check never takes a test's scripted reply.
      const lookup = match(req, "GET", "/v1/models/:owner/:name");
      if (lookup && req.headers.authorization === `Bearer ${token}`) {
        const failure = listing.failure();
        if (failure !== undefined) return problem(res, failure, "Error", "The fake's model lookup was told to fail.");
        const id = `${lookup.owner}/${lookup.name}`;
        return listing.has(id) ? sendJson(res, 200, modelObject(id)) : notFound(res);
      }
      if (script.answerScriptedFailure(res)) return;
      if (req.headers.authorization !== `Bearer ${token}`) {
        return problem(res, 401, "Unauthenticated", "You did not pass a valid authentication token");
      }
      if (match(req, "POST", "/v1/files")) {
        const form = await parseMultipart(req);
        const content = form && filePart(form, "content");
        if (!content) return sendJson(res, 400, { detail: "content: a file is required", status: 400 });
        const id = randomBytes(12).toString("hex");
        const url = `http://${req.headers.host}/v1/files/${id}`;
        const bytes = Buffer.from(await content.arrayBuffer());
        uploads.set(url, { name: content.name, type: content.type, bytes });
        return sendJson(res, 201, {
          id,
          name: content.name,
          content_type: content.type,
          size: bytes.length,
          urls: { get: url },
        });
      }
      const official = match(req, "POST", "/v1/models/:owner/:name/predictions");
      if (official) {
        const id = `${official.owner}/${official.name}`;
        return listing.has(id) ? create(req, res, id, "") : notFound(res);
      }
      if (match(req, "POST", "/v1/predictions")) {
        const version = String(jsonBody(req)?.version ?? "");
        if (!version)
          return sendJson(res, 422, {
            detail: "- version: Invalid type. Expected: string",
            status: 422,
            title: "Input validation failed",
          });
        const [ref, hash] = version.includes(":") ? version.split(":") : [undefined, version];
        // A bare version hash names no model the fake could check; an `owner/name:hash` does.
        if (ref !== undefined && !listing.has(ref))
          return sendJson(res, 422, {
            detail: "Invalid version or not permitted",
            status: 422,
            title: "Invalid version",
          });
        return create(req, res, ref ?? "community/model", hash ?? version);
      }
      const cancel = match(req, "POST", "/v1/predictions/:id/cancel");
      const get = match(req, "GET", "/v1/predictions/:id");
      const job = predictions.get(cancel?.id ?? get?.id ?? "");
      if ((cancel || get) && !job) return problem(res, 404, "Not found", "The requested resource could not be found.");
      if (cancel && job) {
        if (job.state === "pending") job.state = "canceled";
        return sendJson(res, 200, view(req, job));
      }
      if (get && job) return sendJson(res, 200, view(req, script.advance(job)));
      return problem(res, 404, "Not found", "The requested resource could not be found.");
    }),
  ]);

  return withControls(server, script, "/v1", {
    predictions,
    listing: controlOf(listing),
    uploads,
    nextOutput: (next: ReplicateOutputShape) => {
      shape = next;
    },
  });
}

/** The model object `GET /v1/models/{owner}/{name}` answers (the fields clients read). */
function modelObject(id: string) {
  const [owner = "", name = ""] = id.split("/");
  return {
    url: `https://replicate.com/${id}`,
    owner,
    name,
    description: `${name} (fake)`,
    visibility: "public",
    github_url: null,
    paper_url: null,
    license_url: null,
    run_count: 1000,
    cover_image_url: null,
    default_example: null,
    latest_version: {
      id: "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
      created_at: "2026-01-01T00:00:00.000000Z",
      cog_version: "0.16.0",
      openapi_schema: {},
    },
  };
}
