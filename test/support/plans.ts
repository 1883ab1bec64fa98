import type { PlanId, PlanSpec } from "../../src/catalog/types.js";

/** Plans as the seeds define them, for billing tests independent of the catalog module. */
export const testPlans: Record<PlanId, PlanSpec> = {
  starter: {
    id: "starter",
    name: "Starter",
    monthlyTokens: 50,
    priceRub: 0,
    perHour: 20,
    perDay: 150,
    unlocksAllModels: false,
  },
  basic: {
    id: "basic",
    name: "Basic",
    monthlyTokens: 300,
    priceRub: 890,
    perHour: 30,
    perDay: 200,
    unlocksAllModels: true,
  },
  pro: { id: "pro", name: "Pro", monthlyTokens: 700, priceRub: 1690, perHour: 60, perDay: 500, unlocksAllModels: true },
  vip: {
    id: "vip",
    name: "VIP",
    monthlyTokens: 1500,
    priceRub: 2990,
    perHour: 100,
    perDay: 1000,
    unlocksAllModels: true,
  },
  elite: {
    id: "elite",
    name: "Elite",
    monthlyTokens: 3000,
    priceRub: 4990,
    perHour: null,
    perDay: null,
    unlocksAllModels: true,
  },
};
