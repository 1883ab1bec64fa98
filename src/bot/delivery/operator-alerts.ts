import { isOperatorFailure } from "../../generation/failure-reasons.js";
import type { Failure } from "../../generation/types.js";
import { escapeHtml } from "../formatting/html.js";
import { type AdminMessagesDeps, sendToAdmins } from "./admin-messages.js";

const HOUR_MS = 3_600_000;

export interface OperatorAlertsDeps extends AdminMessagesDeps {
  now: () => number;
}

/**
 * Tells the admins when the operator's own key fails upstream (rejected, or out of quota): users
 * only see "unavailable", so someone must fix the key. At most one alert an hour per provider;
 * the upstream's text stays in the log (it may quote the key).
 */
export function createOperatorAlerts(deps: OperatorAlertsDeps) {
  const lastAlert = new Map<string, number>();
  return {
    async notify(failure: Failure, model: string): Promise<void> {
      if (!isOperatorFailure(failure) || !failure.provider) return;
      const provider = failure.provider;
      const last = lastAlert.get(provider);
      if (last !== undefined && deps.now() - last < HOUR_MS) return;
      // Claimed before sending: failures arriving together must not each send one.
      lastAlert.set(provider, deps.now());
      deps.logger.error({ provider, kind: failure.kind, model }, "operator key failed upstream; admins alerted");
      await sendToAdmins(deps, "operator alert", (t) => [
        {
          text: t("ux-admin-provider-alert", {
            provider: escapeHtml(provider),
            model: escapeHtml(model),
            problem: t(`ux-admin-problem-${failure.kind}`),
          }),
          other: { parse_mode: "HTML" },
        },
      ]);
    },
  };
}

export type OperatorAlerts = ReturnType<typeof createOperatorAlerts>;
