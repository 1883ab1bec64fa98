import type { IncomingMessage, ServerResponse } from "node:http";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { StartupError } from "../startup.js";
import { createAuthHook } from "./auth.js";
import type { ApiDeps } from "./deps.js";
import { ApiError, toApiError } from "./errors.js";
import { accountRoutes } from "./routes/account.js";
import { chatRoutes } from "./routes/chat.js";
import { fileRoutes, generateRoutes } from "./routes/generate.js";
import { modelRoutes } from "./routes/models.js";

const PREFIX = "/api/v2";
const CLEANUP_MS = 3_600_000;

/** The first failing field of a request, named as the client wrote it (`params.size`, `messages.0.role`). */
function validationError(error: FastifyError): ApiError {
  const first = error.validation?.[0];
  const where = error.validationContext === "body" ? "" : `${error.validationContext ?? ""}.`;
  const path = first?.instancePath?.replace(/^\//, "").replaceAll("/", ".") ?? "";
  const field = `${where}${path}`.replace(/\.$/, "") || "body";
  return new ApiError(422, "invalid_request", `${field}: ${first?.message ?? "invalid"}`, { field });
}

/**
 * The developer REST API (`/api/v2`): Fastify with zod schemas, from which the OpenAPI document
 * (`/api/v2/openapi.json`) and the docs page (`/api/v2/docs`) are generated.
 */
export async function createApiServer(deps: ApiDeps) {
  const { logger, settings } = deps;
  const app = Fastify({
    bodyLimit: settings.bodyLimit,
    disableRequestLogging: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("apiKey", null);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known =
      toApiError(error, deps.clock.now().getTime()) ??
      (hasZodFastifySchemaValidationErrors(error) || error.validation ? validationError(error) : undefined) ??
      (error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
        ? new ApiError(413, "body_too_large", `Request bodies are limited to ${settings.bodyLimit} bytes.`)
        : undefined) ??
      (error.statusCode && error.statusCode < 500
        ? new ApiError(error.statusCode, "bad_request", "The request could not be read.")
        : undefined);
    if (!known) {
      logger.error({ err: error, url: request.url }, "api request failed");
      return reply.code(500).send({ error: { code: "internal_error", message: "Something went wrong on our side." } });
    }
    return reply.code(known.status).headers(known.headers).send(known.body());
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: "not_found", message: "No such endpoint." } }),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "AI aggregator API",
        version: "2.0.0",
        description:
          "One token balance for every model. Keys come from /api in the Telegram bot. Errors are " +
          '{"error": {"code", "message"}}: 401 key, 402 tokens, 403 plan, 404 model, 422 parameters, 429 limits, 503 model unavailable.',
      },
      servers: [{ url: settings.publicUrl }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${PREFIX}/docs` });

  await app.register(
    async (api) => {
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
      await api.register(fileRoutes(deps));
      await api.register(async (authed) => {
        authed.addHook("onRequest", createAuthHook(deps));
        await authed.register(accountRoutes(deps));
        await authed.register(modelRoutes(deps));
        await authed.register(chatRoutes(deps));
        await authed.register(generateRoutes(deps));
      });
    },
    { prefix: PREFIX },
  );
  await app.ready();

  const cleanup = setInterval(() => {
    deps.files
      .deleteExpired(deps.clock.now().getTime())
      .catch((error) => logger.warn({ err: error }, "expired API files not deleted"));
  }, CLEANUP_MS);
  cleanup.unref();

  return {
    app,
    /** Node's handler, for serving the API from another server (the ops server when API_PORT = PORT). */
    handle: (req: IncomingMessage, res: ServerResponse) => app.routing(req, res),
    async listen(port: number) {
      // A taken port is the operator's to fix: one line naming the variable, as for PORT.
      await app.listen({ port, host: "0.0.0.0" }).catch((error: NodeJS.ErrnoException) => {
        throw new StartupError(`Start-up error: API_PORT ${port} cannot be used (${error.code ?? error.message})`);
      });
      logger.info({ port, docs: `${settings.publicUrl}${PREFIX}/docs` }, "developer API listening");
    },
    async close() {
      clearInterval(cleanup);
      await app.close();
    },
  };
}

export type ApiServer = Awaited<ReturnType<typeof createApiServer>>;
