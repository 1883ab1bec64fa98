import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiDeps } from "../deps.js";
import { keyOf } from "../deps.js";
import { balanceSchema, errorSchema, userBalanceSchema } from "../schemas.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The balance, as the seeds show it: the short form and the per-bucket form. */
export function accountRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  async function state(userId: number) {
    const plan = await deps.accounts.currentPlan(userId);
    const user = await deps.users.get(userId);
    const balance = await deps.ledger.balance(userId);
    return { plan, user, balance };
  }
  return async (app) => {
    app.get(
      "/balance",
      { schema: { summary: "Token balance and plan", response: { 200: balanceSchema, 401: errorSchema } } },
      async (request) => {
        const { plan, user, balance } = await state(keyOf(request).user_id);
        return { token_balance: balance.total, plan: plan.id, plan_expires_at: iso(user.plan_expires_at) };
      },
    );
    app.get(
      "/user/balance",
      {
        schema: {
          summary:
            "Balance by bucket: plan tokens (spent first) and bonus tokens (packages and Starter's; never expire)",
          response: { 200: userBalanceSchema, 401: errorSchema },
        },
      },
      async (request) => {
        const { plan, user, balance } = await state(keyOf(request).user_id);
        return {
          plan: plan.id,
          token_balance: balance.total,
          plan_tokens_remaining: balance.sub,
          bonus_tokens: balance.pkg,
          plan_expires_at: iso(user.plan_expires_at),
        };
      },
    );
  };
}
