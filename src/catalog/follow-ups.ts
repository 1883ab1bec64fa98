import { quotePrice } from "./pricing.js";
import type { ModelSpec, ParamValue } from "./types.js";

/** Midjourney's actions on one image of a grid (LegNext's `/upscale` and `/variation`). */
export type FollowUpAction = "upscale" | "variation";

/**
 * The price of a U or V action on a grid made with `params`. A variation is a new grid, so it
 * costs what the grid did; an upscale renders one image, so it costs half of that (rounded up).
 */
export function followUpPrice(model: ModelSpec, params: Readonly<Record<string, ParamValue>>, action: FollowUpAction) {
  const grid = quotePrice(model, params).token_cost;
  return action === "variation" ? grid : Math.ceil(grid / 2);
}

/** Whether a model's results can be upscaled or varied upstream (a Midjourney grid). */
export function hasFollowUps(model: ModelSpec): boolean {
  return model.route.provider === "midjourney" && model.route.operation === "diffusion";
}
