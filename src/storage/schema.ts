import type { Generated } from "kysely";

/** Times are epoch milliseconds (bigint in PostgreSQL, integer in SQLite): portable and sortable. */
type Millis = number;

export interface UsersTable {
  id: number;
  chat_id: number;
  first_name: string;
  username: string | null;
  locale: string;
  plan: Generated<string>;
  plan_expires_at: Millis | null;
  /** The Stars subscription charge that started the current cycle (for cancelling it). */
  plan_charge_id: string | null;
  plan_canceled: Generated<number>;
  sub_tokens: Generated<number>;
  pkg_tokens: Generated<number>;
  /** Raised by every change of the buckets or the holds (migration 022): a hold written without a lock checks it. */
  ledger_version: Generated<number>;
  selected_model: string | null;
  /** JSON: the parameters chosen per model slug. */
  model_params: Generated<string>;
  /** Requests priced at or below this many tokens run without a Confirm step. */
  auto_confirm: Generated<number>;
  conversation_id: Generated<number>;
  referrer_id: number | null;
  /** JSON InputRef[]: files waiting for the rest of a request. */
  pending_inputs: string | null;
  /** 1: an admin blocked the user; nothing runs for them. */
  blocked: Generated<number>;
  /** 1: the user turned broadcasts off under /settings. */
  broadcast_opt_out: Generated<number>;
  created_at: Millis;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  user_id: number;
  /** credit | grant | purchase | hold | capture | release | refund | expiry | cycle */
  kind: string;
  /** Change of the spendable subscription / package buckets. */
  sub_delta: number;
  pkg_delta: number;
  amount: number;
  idempotency_key: string;
  hold_key: string | null;
  /** What the entry is about: a model slug, a package id, an admin id, a charge id. */
  source: string | null;
  created_at: Millis;
}

export interface HoldsTable {
  key: string;
  user_id: number;
  amount: number;
  sub_part: number;
  pkg_part: number;
  /** held | captured | released */
  status: string;
  model: string;
  created_at: Millis;
  settled_at: Millis | null;
}

export interface MessagesTable {
  id: Generated<number>;
  user_id: number;
  conversation_id: number;
  role: string;
  content: string;
  model: string | null;
  created_at: Millis;
  /** null: the user's private conversation; `g:<chat>:<topic>` a group's (migration 015). */
  scope: string | null;
}

export interface GenerationsTable {
  id: Generated<number>;
  user_id: number;
  chat_id: number;
  model: string;
  kind: string;
  /** JSON of the chosen parameters. */
  params: string;
  prompt: string | null;
  /** JSON: Telegram file ids of the inputs the user sent. */
  inputs: string | null;
  price: number;
  /** quoted | held | submitted | polling | delivering | delivered | captured | failed | released | cancelled */
  status: string;
  provider_job_id: string | null;
  progress: number | null;
  polls: Generated<number>;
  next_poll_at: Millis | null;
  deadline_at: Millis | null;
  quote_message_id: number | null;
  progress_message_id: number | null;
  /** JSON of the upstream outputs once known, so a restart delivers without asking again. */
  outputs: string | null;
  /** Messages of the result already in the chat: a delivery resumed later sends only the rest. */
  delivered_parts: Generated<number>;
  error: string | null;
  /** The Telegram message that asked for the job (chat id + message id, unique together); null for button requests. */
  request_chat_id: number | null;
  request_message_id: number | null;
  created_at: Millis;
  updated_at: Millis;
  /** telegram | api: which front started the job, and so which output delivers it. */
  origin: Generated<string>;
  api_key_id: number | null;
  /** A client's Idempotency-Key (prefixed with the endpoint), unique per user. */
  idempotency_key: string | null;
  /** Outside the private chat (migration 015): the prompt the answer replies to, and its forum topic. */
  reply_to_message_id: number | null;
  thread_id: number | null;
  /** Guest mode: the query to answer, then the inline message the answer became. */
  guest_query_id: string | null;
  inline_message_id: string | null;
  /** The instance running the job's steps, and until when; another may take the job over after that. */
  lease_owner: string | null;
  lease_until: Millis | null;
  /** JSON array of the Telegram message ids of the result's parts already sent. */
  delivered_message_ids: string | null;
  /** How many times the job was sent upstream (above 1: a resubmission after a crash). */
  submit_attempts: Generated<number>;
}

export interface GroupSettingsTable {
  chat_id: number;
  enabled: number;
  /** JSON array of allowed model kinds; null = all. */
  kinds: string | null;
  member_daily_cap: number | null;
  updated_at: Millis;
}

export interface ProcessedUpdatesTable {
  update_id: number;
  received_at: Millis;
}

export interface PaymentsTable {
  charge_id: string;
  user_id: number;
  /** package | plan */
  kind: string;
  product: string;
  stars: number;
  tokens: number;
  payload: string;
  is_recurring: number;
  subscription_expires_at: Millis | null;
  refunded_at: Millis | null;
  refunded_tokens: number | null;
  /** When its tokens were applied; null: recorded, not credited yet (reconciliation retries it). */
  credited_at: Millis | null;
  created_at: Millis;
}

export interface SettingsTable {
  key: string;
  value: string;
  created_at: Millis;
}

export interface ConversationStateTable {
  key: string;
  /** JSON of the conversations plugin's versioned state. */
  state: string;
  updated_at: Millis;
}

/** One product as the last model health check left it. */
export interface ModelHealthTable {
  slug: string;
  /** The upstream id in use: the route's own or a fallback. */
  upstream: string;
  /** 1 available, 0 not. */
  available: number;
  checked_at: Millis | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  user_id: number;
  label: string;
  /** SHA-256 hex of the whole key; the key itself is shown once and never stored. */
  hash: string;
  last4: string;
  created_at: Millis;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export interface ApiFilesTable {
  /** Unguessable (256 random bits): the URL is the only credential a result needs. */
  token: string;
  generation_id: number;
  position: number;
  mime: string;
  filename: string;
  data: Buffer;
  expires_at: Millis;
  created_at: Millis;
}

export interface ReferralRewardsTable {
  /** The referred user's payment that earned the reward: one reward per charge. */
  charge_id: string;
  referrer_id: number;
  referee_id: number;
  tokens: number;
  /** Tokens taken back after a refund (never more than the referrer still had). */
  taken_back: Generated<number>;
  created_at: Millis;
}

export interface PromoCodesTable {
  /** Upper-cased: codes are case-insensitive. */
  code: string;
  /** Package tokens granted on redemption (0 for a bonus code). */
  tokens: Generated<number>;
  /** Percent of the next package purchase given on top (0 for a token code). */
  bonus_percent: Generated<number>;
  max_uses: number | null;
  uses: Generated<number>;
  expires_at: Millis | null;
  disabled: Generated<number>;
  created_by: number;
  created_at: Millis;
}

export interface PromoRedemptionsTable {
  code: string;
  user_id: number;
  tokens: number;
  bonus_percent: number;
  /** The purchase a bonus code was applied to; null while the bonus waits. */
  bonus_charge_id: string | null;
  created_at: Millis;
}

export interface BroadcastsTable {
  id: Generated<number>;
  admin_id: number;
  admin_chat_id: number;
  text: string;
  /** JSON MessageEntity[] of the admin's message. */
  entities: string | null;
  /** draft | sending | done | cancelled */
  status: string;
  progress_message_id: number | null;
  created_at: Millis;
  finished_at: Millis | null;
}

export interface BroadcastDeliveriesTable {
  broadcast_id: number;
  user_id: number;
  chat_id: number;
  /** pending | sending | delivered | blocked | failed */
  status: string;
  updated_at: Millis;
}

/** A prompt refused for want of tokens, offered to run after a purchase (one-shot, until it expires). */
export interface KeptPromptsTable {
  /** The refused job: its row holds the request. */
  generation_id: number;
  user_id: number;
  kept_at: Millis;
  expires_at: Millis;
  /** Set once, by the press that runs it (or when a newer prompt replaces it). */
  used_at: Millis | null;
}

/** One question to the free help desk (its hourly limit). */
export interface HelpQuestionsTable {
  user_id: number;
  asked_at: Millis;
}

export interface Database {
  users: UsersTable;
  ledger_entries: LedgerEntriesTable;
  holds: HoldsTable;
  messages: MessagesTable;
  generations: GenerationsTable;
  payments: PaymentsTable;
  conversation_state: ConversationStateTable;
  model_health: ModelHealthTable;
  settings: SettingsTable;
  api_keys: ApiKeysTable;
  api_files: ApiFilesTable;
  referral_rewards: ReferralRewardsTable;
  promo_codes: PromoCodesTable;
  promo_redemptions: PromoRedemptionsTable;
  broadcasts: BroadcastsTable;
  broadcast_deliveries: BroadcastDeliveriesTable;
  group_settings: GroupSettingsTable;
  processed_updates: ProcessedUpdatesTable;
  kept_prompts: KeptPromptsTable;
  help_questions: HelpQuestionsTable;
}
