import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { priceRange, quotePrice } from "../../catalog/pricing.js";
import type { ApiDeps } from "../deps.js";
import { unknownModel } from "../errors.js";
import { errorSchema, modelSchema, priceRequestSchema, priceSchema, slugParams } from "../schemas.js";

/** The catalog as data, and the seed's `calculate-price`. */
export function modelRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const { catalog, engine } = deps;
  return async (app) => {
    app.get(
      "/models",
      {
        schema: {
          summary: "Every model: kind, tier, price or price range, parameters, availability",
          response: { 200: z.object({ data: z.array(modelSchema) }), 401: errorSchema },
        },
      },
      async () => ({
        data: catalog.models.map((model) => {
          const range = priceRange(model);
          return {
            slug: model.slug,
            name: model.name,
            provider: model.route.provider,
            vendor: model.vendor,
            kind: model.kind,
            tier: model.tier,
            input: model.input,
            pricing_type: model.pricing.type,
            token_cost: quotePrice(model).token_cost,
            min_token_cost: range.min,
            max_token_cost: range.max,
            parameters: model.params.map((p) => ({ name: p.name, options: [...p.options], default: p.default })),
            available: engine.isAvailable(model.slug),
          };
        }),
      }),
    );

    app.post(
      "/models/:slug/calculate-price",
      {
        schema: {
          summary: "The price of a request with these parameters, and the model's range",
          params: slugParams,
          body: priceRequestSchema,
          response: { 200: priceSchema, 401: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const match = catalog.find(request.params.slug);
        if (!match) throw unknownModel(request.params.slug);
        return quotePrice(match.model, { ...match.params, ...request.body.params }, request.body.count);
      },
    );
  };
}
