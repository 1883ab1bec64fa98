import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { ReconcileReport, StarsReconciler } from "../billing/stars-reconciliation.js";
import type { Logger } from "../logger.js";
import type { UsersRepository } from "../storage/users-repository.js";
import type { BotContext } from "./context.js";

const HOUR_MS = 3_600_000;

export interface ReconciliationJobDeps {
  reconciler: StarsReconciler;
  api: Api;
  users: UsersRepository;
  i18n: I18n<BotContext>;
  logger: Logger;
}

/**
 * Runs the Stars reconciliation at start and every hour, and tells each user whose payment it
 * credited: their `successful_payment` never arrived, so no receipt was sent.
 */
export function createReconciliationJob(deps: ReconciliationJobDeps) {
  const { reconciler, api, users, i18n, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ReconcileReport> | undefined;

  async function notify(report: ReconcileReport) {
    const refunded = new Set(report.refunded.map((item) => item.chargeId));
    // A payment refunded in the same run came and went: no notice about it.
    for (const item of report.credited.filter((c) => !refunded.has(c.chargeId))) {
      const user = await users.find(item.userId);
      if (!user) continue;
      const text = i18n.t(user.locale, "money-reconciled-credited", {
        stars: item.stars,
        tokens: item.tokens ?? 0,
        charge: item.chargeId,
      });
      await api
        .sendMessage(user.chat_id, text, { parse_mode: "HTML" })
        .catch((error) => logger.warn({ err: error, charge: item.chargeId }, "reconciled payment notice not sent"));
    }
  }

  /** One run at a time: a caller arriving meanwhile gets the same report (and users one notice). */
  function run(): Promise<ReconcileReport> {
    running ??= reconciler
      .run()
      .then(async (report) => {
        await notify(report);
        return report;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    run,
    start(intervalMs = HOUR_MS) {
      const tick = () => void run().catch((error) => logger.error({ err: error }, "stars reconciliation failed"));
      tick();
      timer ??= setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type ReconciliationJob = ReturnType<typeof createReconciliationJob>;
