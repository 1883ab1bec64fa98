import type { Transformer } from "grammy";
import { telegramTooMany } from "../metrics.js";

/** Counts every Bot API answer 429 (for `/metrics`); installed inside auto-retry, so each attempt counts. */
export const countTooMany: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (!result.ok && result.error_code === 429) telegramTooMany.inc({ method });
  return result;
};
