import { z } from "zod";

/** The body of every error answer. */
export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.string(),
        message: z.string(),
      })
      .loose(),
  })
  .describe("An error: a stable code, a message, and fields that help (price, field, required plan…)");

const paramValue = z.union([z.string(), z.number(), z.boolean()]);
export const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("A retried request with the same key runs and charges once"),
});

export const balanceSchema = z.object({
  token_balance: z.number().int(),
  plan: z.string(),
  plan_expires_at: z.string().nullable(),
});

export const userBalanceSchema = z.object({
  plan: z.string(),
  token_balance: z.number().int(),
  plan_tokens_remaining: z.number().int(),
  bonus_tokens: z.number().int(),
  plan_expires_at: z.string().nullable(),
});

export const modelSchema = z.object({
  slug: z.string(),
  name: z.string(),
  provider: z.string(),
  vendor: z.string(),
  kind: z.string(),
  tier: z.enum(["starter", "basic"]),
  input: z.string(),
  pricing_type: z.enum(["fixed", "matrix"]),
  token_cost: z.number().int().nullable().describe("The price with default parameters"),
  min_token_cost: z.number().int(),
  max_token_cost: z.number().int(),
  parameters: z.array(z.object({ name: z.string(), options: z.array(paramValue), default: paramValue })),
  available: z.boolean(),
});

export const slugParams = z.object({ slug: z.string().min(1).max(100) });

export const priceRequestSchema = z.object({
  params: z.record(z.string(), paramValue).default({}),
  count: z.number().int().min(1).max(100).default(1),
});

export const priceSchema = z.object({
  token_cost: z.number().int(),
  min_token_cost: z.number().int(),
  max_token_cost: z.number().int(),
  pricing_type: z.enum(["fixed", "matrix"]),
});

const contentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();
export const chatRequestSchema = z
  .object({
    model: z.string().min(1).describe("A text model's slug, e.g. gpt-5-nano"),
    messages: z
      .array(
        z
          .object({
            role: z.enum(["system", "developer", "user", "assistant", "tool"]),
            content: z.union([z.string(), z.array(contentPart)]).nullable(),
          })
          .loose(),
      )
      .min(1)
      .max(500),
    stream: z.boolean().optional(),
  })
  .loose()
  .describe("OpenAI Chat Completions; fields other than model, messages and stream are accepted and ignored");

export const chatResponseSchema = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal("assistant"), content: z.string() }),
      finish_reason: z.literal("stop"),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
  token_cost: z.number().int().describe("Tokens of the balance this answer cost"),
});

export const generateRequestSchema = z.object({
  model: z.string().min(1),
  prompt: z.string().max(10_000).optional(),
  params: z.record(z.string(), paramValue).default({}),
  input_url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("An image or audio file the model works on"),
  input_urls: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(2)
    .optional()
    .describe("Two images, for models that take two (face-swap: the face, then the target)"),
});

export const generationStatus = z.enum(["pending", "processing", "completed", "failed"]);

export const generateAcceptedSchema = z.object({
  id: z.string(),
  status: generationStatus,
  token_cost: z.number().int(),
});

export const generationIdParams = z.object({ id: z.string().regex(/^\d{1,15}$/) });

export const generationSchema = z.object({
  id: z.string(),
  model: z.string(),
  status: generationStatus,
  token_cost: z.number().int(),
  tokens_charged: z.number().int(),
  created_at: z.string(),
  urls: z.array(z.string()).optional().describe("Result files, served for 24 hours"),
  text: z.string().optional(),
  expires_at: z.string().optional(),
  reason: z.string().optional().describe("Why it failed, in our words; nothing was charged"),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const fileParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
