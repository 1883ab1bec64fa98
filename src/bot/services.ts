import type { I18n } from "@grammyjs/i18n";
import type { Accounts } from "../billing/accounts.js";
import type { ApiKeys } from "../billing/api-keys.js";
import type { Ledger } from "../billing/ledger.js";
import type { Payments } from "../billing/payments.js";
import type { Promos } from "../billing/promos.js";
import type { Referrals } from "../billing/referrals.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Config } from "../config.js";
import type { GenerationEngine } from "../generation/engine.js";
import type { HelpDesk } from "../generation/help-desk.js";
import type { ModelHealth } from "../generation/model-health.js";
import type { BroadcastsRepository } from "../storage/broadcasts-repository.js";
import type { Storage } from "../storage/database.js";
import type { ExportRepository } from "../storage/export-repository.js";
import type { GenerationsRepository } from "../storage/generations-repository.js";
import type { GroupSettingsRepository } from "../storage/group-settings-repository.js";
import type { KeptPromptsRepository } from "../storage/kept-prompts-repository.js";
import type { LedgerHistoryRepository } from "../storage/ledger-history-repository.js";
import type { StatsRepository } from "../storage/stats-repository.js";
import type { UserAdminRepository } from "../storage/user-admin-repository.js";
import type { UsersRepository } from "../storage/users-repository.js";
import type { Broadcasts } from "./broadcasts/sender.js";
import type { BotContext } from "./context.js";
import type { ReconciliationJob } from "./stars-reconciliation.js";

/** Everything handlers use, created once in main.ts and put on the context. */
export interface Services {
  config: Config;
  storage: Storage;
  catalog: Catalog;
  ledger: Ledger;
  accounts: Accounts;
  users: UsersRepository;
  generations: GenerationsRepository;
  engine: GenerationEngine;
  /** Stars payments: invoice payloads, pre-checkout, crediting, refunds. */
  payments: Payments;
  history: LedgerHistoryRepository;
  /** Which upstream serves each model, from the providers' listings (/models_health). */
  health: ModelHealth;
  /** Stars reconciliation against getStarTransactions: at start, hourly, and by /reconcile. */
  reconciliation: ReconciliationJob;
  /** Developer API keys (`/api`). */
  apiKeys: ApiKeys;
  /** Free answers about the bot in /help ("Ask a question"), grounded in the catalog. */
  helpDesk: HelpDesk;
  i18n: I18n<BotContext>;
  /** Referral rewards and stats (REFERRAL_PERCENT, REFERRAL_DAYS). */
  referrals: Referrals;
  /** Promo codes: creation, redemption, bonuses on purchases. */
  promos: Promos;
  /** Admin lookups for /user. */
  userAdmin: UserAdminRepository;
  /** Broadcast drafts, recipients and delivery rows. */
  broadcastsRepo: BroadcastsRepository;
  /** Sends confirmed broadcasts, paced; resumes after a restart. */
  broadcasts: Broadcasts;
  /** The figures /stats adds. */
  stats: StatsRepository;
  /** Rows for /export. */
  exports: ExportRepository;
  /** What each group's admins chose with /groupsettings. */
  groupSettings: GroupSettingsRepository;
  /** Prompts refused for want of tokens, offered to run after a purchase. */
  keptPrompts: KeptPromptsRepository;
}
