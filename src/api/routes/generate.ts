import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { ModelSpec } from "../../catalog/types.js";
import type { InputRef } from "../../generation/types.js";
import type { ApiDeps } from "../deps.js";
import { keyOf } from "../deps.js";
import { ApiError, invalidField, unknownModel } from "../errors.js";
import { startApiJob } from "../job-start.js";
import { generationView, publicStatus } from "../job-view.js";
import {
  errorSchema,
  fileParams,
  generateAcceptedSchema,
  generateRequestSchema,
  generationIdParams,
  generationSchema,
  idempotencyHeaders,
} from "../schemas.js";

type GenerateBody = z.infer<typeof generateRequestSchema>;

/** What the model needs besides parameters, checked before anything is priced or held. */
function inputsFor(model: ModelSpec, body: GenerateBody): InputRef[] {
  const prompt = body.prompt?.trim() ?? "";
  const urls = body.input_urls ?? (body.input_url ? [body.input_url] : []);
  const needsPrompt = ["prompt", "prompt+image?", "image+prompt"].includes(model.input) || model.kind === "text";
  if (needsPrompt && prompt === "") throw invalidField("prompt", `${model.slug} needs a prompt`);
  const wanted: Record<string, number> = { image: 1, "image+prompt": 1, "image+image": 2, audio: 1, speech: 1 };
  const need = wanted[model.input] ?? 0;
  const optional = model.input === "prompt+image?" ? 1 : 0;
  if (urls.length < need) throw invalidField("input_url", `${model.slug} needs ${need} input file URL(s)`);
  if (urls.length > Math.max(need, optional)) {
    throw invalidField("input_url", `${model.slug} takes ${Math.max(need, optional)} input file URL(s)`);
  }
  const kind = model.input === "audio" || model.input === "speech" ? "audio" : "photo";
  return urls.map((url) => ({ fileId: url, kind }));
}

/** Priced generations as persisted jobs: an id now, the result by polling; results served 24 hours. */
export function generateRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const { catalog, generations, files, settings } = deps;
  const fileUrl = (token: string) => `${settings.publicUrl}/api/v2/files/${token}`;

  return async (app) => {
    app.post(
      "/generate",
      {
        schema: {
          summary: "Starts a generation of any model; poll GET /generate/{id} for the result",
          headers: idempotencyHeaders,
          body: generateRequestSchema,
          response: {
            202: generateAcceptedSchema,
            ...Object.fromEntries([401, 402, 403, 404, 422, 429, 503].map((code) => [code, errorSchema])),
          },
        },
      },
      async (request, reply) => {
        const key = keyOf(request);
        const body = request.body;
        const match = catalog.find(body.model);
        if (!match) throw unknownModel(body.model);
        const model = match.model;
        const inputs = inputsFor(model, body);
        const prompt = body.prompt?.trim() || null;
        const job = await startApiJob(deps, {
          key,
          endpoint: "generate",
          idempotencyHeader: request.headers["idempotency-key"],
          model,
          params: { ...match.params, ...body.params },
          prompt,
          inputs: inputs.length > 0 ? inputs : undefined,
          messages: model.kind === "text" ? [{ role: "user", content: prompt ?? "" }] : undefined,
        });
        const current = (await generations.get(job.id)) ?? job;
        const status = job.status === "quoted" ? "pending" : publicStatus(current);
        return reply.code(202).send({ id: String(job.id), status, token_cost: job.price });
      },
    );

    app.get(
      "/generate/:id",
      {
        schema: {
          summary: "A generation's status; when completed, its result URLs (or text)",
          params: generationIdParams,
          response: { 200: generationSchema, 401: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const job = await generations.get(Number(request.params.id));
        // Another user's job is as unknown as a missing one.
        if (!job || job.user_id !== keyOf(request).user_id || job.origin !== "api") {
          throw new ApiError(404, "generation_not_found", "No such generation.");
        }
        return generationView(job, await files.list(job.id), fileUrl);
      },
    );
  };
}

/** Result files: the unguessable token is the credential, so a result URL works in any client for 24 hours. */
export function fileRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/files/:token",
      {
        schema: { summary: "A result file (no key needed; expires after 24 hours)", params: fileParams, security: [] },
      },
      async (request, reply) => {
        const file = await deps.files.get(request.params.token, deps.clock.now().getTime());
        if (!file) throw new ApiError(404, "file_not_found", "No such file, or it expired.");
        const name = file.filename.replace(/[^\w.-]/g, "_");
        return reply
          .header("content-type", file.mime)
          .header("content-disposition", `inline; filename="${name}"`)
          .header("cache-control", "private, max-age=86400")
          .send(Buffer.from(file.data));
      },
    );
  };
}
