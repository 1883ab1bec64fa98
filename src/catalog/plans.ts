import type { PlanId, PlanSpec } from "./types.js";

/**
 * The five plans of the seeds. Starter's tokens are credited once, at sign-up; the paid plans'
 * at the start of each monthly cycle. Any paid plan unlocks every model; they differ in tokens and limits.
 */
export const plans: Readonly<Record<PlanId, PlanSpec>> = {
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

/** The plans from cheapest to dearest, as `/plans` lists them. */
export const planList: readonly PlanSpec[] = [plans.starter, plans.basic, plans.pro, plans.vip, plans.elite];

/** The plans a user can buy (Starter is what everyone has without paying). */
export const paidPlans: readonly PlanSpec[] = planList.filter((plan) => plan.priceRub > 0);

export function isPlanId(value: string): value is PlanId {
  return Object.hasOwn(plans, value);
}

/** The plan with this id (accounts store the id; billing needs the limits). */
export function getPlan(id: PlanId): PlanSpec {
  return plans[id];
}
