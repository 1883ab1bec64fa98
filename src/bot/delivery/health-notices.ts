import type { HealthChange } from "../../generation/model-health.js";
import { escapeHtml } from "../formatting/html.js";
import { type AdminMessagesDeps, sendToAdmins } from "./admin-messages.js";

/** Tells every admin, in their own language, about each product whose availability or upstream changed. */
export function createHealthNotices(deps: AdminMessagesDeps) {
  return async (changes: HealthChange[]): Promise<void> => {
    await sendToAdmins(deps, "health notice", (t) =>
      changes.map((change) => {
        const vars = {
          name: escapeHtml(change.model.name),
          slug: escapeHtml(change.model.slug),
          provider: change.model.route.provider,
          upstream: escapeHtml(change.upstream),
          route: escapeHtml(change.model.route.upstream),
        };
        return { text: t(noticeKey(change), vars), other: { parse_mode: "HTML" }, log: { model: change.model.slug } };
      }),
    );
  };
}

/** Gone; back; moved to a fallback; or back from a fallback to its own upstream. */
function noticeKey(change: HealthChange): string {
  if (!change.available) return "health-notice-unavailable";
  if (change.upstream !== change.model.route.upstream) return "health-notice-fallback";
  return change.wasAvailable ? "health-notice-primary" : "health-notice-available";
}
