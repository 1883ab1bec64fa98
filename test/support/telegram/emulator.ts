import type { BotCommand, Message, Update, UserFromGetMe } from "grammy/types";
import { type BotSettings, commandsKey, createBotMethods } from "./bot-methods.js";
import { type CallbackAnswer, createCallbackQueries } from "./callback-queries.js";
import { createCore } from "./core.js";
import { describeRecentCalls } from "./diagnostics.js";
import { createGroups, type GroupsEmulator } from "./groups.js";
import { startHttpServer } from "./http-server.js";
import { createInvoiceMethods, type InvoiceLinkRecord, type InvoiceRecord } from "./invoices.js";
import { createMediaMethods } from "./media-methods.js";
import { type ChatActionRecord, createMessageMethods, type DraftRecord } from "./message-methods.js";
import {
  createPayments,
  type PaymentRecord,
  type PreCheckoutInput,
  type PreCheckoutResult,
  type RefundRecord,
  type SubscriptionEditRecord,
  type SuccessfulPaymentInput,
} from "./payments.js";
import { createRichMethods } from "./rich-methods.js";
import type { ApiCall, BotMessage, EmulatorOptions, InjectedFault, TgUser } from "./types.js";
import { createUserActions, type UserActions } from "./user-actions.js";
import { createWebhookDelivery, type WebhookDelivery } from "./webhook-delivery.js";

export type * from "./types.js";
export type {
  CallbackAnswer,
  ChatActionRecord,
  DraftRecord,
  InvoiceLinkRecord,
  InvoiceRecord,
  PaymentRecord,
  PreCheckoutInput,
  PreCheckoutResult,
  RefundRecord,
  SubscriptionEditRecord,
  SuccessfulPaymentInput,
  WebhookDelivery,
};

/**
 * A local Telegram Bot API server for end-to-end tests: point grammY at `apiRoot`, act as users,
 * inspect what the bot did. Every request that breaks Telegram's rules is answered with Telegram's
 * error and recorded in `violations`, which e2e tests assert stays empty.
 */
export interface TelegramEmulator extends UserActions {
  apiRoot: string;
  token: string;
  botId: number;
  botUser: UserFromGetMe;
  /** Stop the bot first (`await bot.stop()`): it needs the server to confirm its last updates. */
  close(): Promise<void>;

  /** Resolves when the bot answers; past the deadline resolves `ok: false` and records a violation. */
  preCheckout(user: TgUser, input: PreCheckoutInput): Promise<PreCheckoutResult>;
  /** Injects a `successful_payment` message; repeating a charge id simulates a duplicate delivery. */
  successfulPayment(user: TgUser, input: SuccessfulPaymentInput): Message;
  /** A payment Telegram took (listed by getStarTransactions) whose successful_payment the bot never got; returns the charge id. */
  paymentWithoutUpdate(user: TgUser, input: SuccessfulPaymentInput): string;
  /** A refund made on Telegram's side without the bot asking; getStarTransactions lists it. */
  refundWithoutBot(userId: number, chargeId: string): void;
  /** The whole checkout: pre_checkout_query, and if the bot approves it, successful_payment. */
  pay(user: TgUser, input: SuccessfulPaymentInput): Promise<{ preCheckout: PreCheckoutResult; message?: Message }>;
  subscriptionUpdate(user: TgUser, input: { invoice_payload: string; state: "canceled" | "active" | "failed" }): void;
  /** The user presses Stop under a draft the bot sent with `can_stop` (throws if there was none). */
  stopGeneration(user: TgUser, draftId: number): Update;

  calls: ApiCall[];
  callsOf(method: string): ApiCall[];
  /** The private chat with `chatId` as the user sees it now: bot messages, edits applied, deleted ones gone. */
  messages(chatId: number): BotMessage[];
  lastBotMessage(chatId: number): BotMessage | undefined;
  /** The reply keyboard (ReplyKeyboardMarkup) the user currently sees, if any. */
  replyKeyboard(chatId: number): Record<string, unknown> | undefined;
  pendingUpdates(): readonly Update[];

  /** Polls `check` until it returns a truthy value; the timeout error lists recent calls and violations. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number, what?: string | (() => string)): Promise<T>;
  waitForBotMessage(
    chatId: number,
    predicate: (message: BotMessage) => boolean,
    timeoutMs?: number,
  ): Promise<BotMessage>;
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;

  violations: string[];
  unansweredCallbackQueries(): string[];
  /** Throws, with details, if anything broke Telegram's rules or a query is still unanswered. */
  assertNoViolations(): void;
  /** Waits (up to `timeoutMs`) until no callback or pre-checkout query is pending, then assertNoViolations(). */
  expectClean(timeoutMs?: number): Promise<void>;
  failNext(method: string, error: InjectedFault): void;

  refunds: RefundRecord[];
  payments: Map<string, PaymentRecord>;
  invoices: InvoiceRecord[];
  invoiceLinks: InvoiceLinkRecord[];
  subscriptionEdits: SubscriptionEditRecord[];
  callbackAnswers: CallbackAnswer[];
  chatActions: ChatActionRecord[];
  drafts: DraftRecord[];
  settings: BotSettings;
  /** Every POST to the webhook and its outcome (only with the `webhookTarget` option). */
  webhookDeliveries: WebhookDelivery[];
  /** Commands set for a language ("" = default) and scope (default scope if omitted). */
  commands(languageCode?: string, scope?: Record<string, unknown>): BotCommand[] | undefined;
  /** Groups, forum topics, ephemeral messages and guest mode (see groups.ts). */
  groups: GroupsEmulator;
}

export async function startTelegramEmulator(options: EmulatorOptions = {}): Promise<TelegramEmulator> {
  const core = createCore(options);
  const calls: ApiCall[] = [];
  const faults = new Map<string, InjectedFault[]>();
  const settings: BotSettings = { webhook: undefined, commands: new Map(), texts: new Map(), menuButtons: new Map() };
  const messageLog = { chatActions: [] as ChatActionRecord[], drafts: [] as DraftRecord[] };
  const invoiceLog = { invoices: [] as InvoiceRecord[], invoiceLinks: [] as InvoiceLinkRecord[] };
  const callbacks = createCallbackQueries(core);
  const payments = createPayments(core);
  const rich = createRichMethods(core, messageLog.drafts, options.richMethods ?? true);
  const methods = {
    ...createBotMethods(core, settings),
    ...createMessageMethods(core, messageLog),
    ...createMediaMethods(core),
    ...createInvoiceMethods(core, invoiceLog),
    ...callbacks.methods,
    ...payments.methods,
    ...rich.methods,
  };
  const groups = createGroups(core, callbacks, methods);
  Object.assign(methods, groups.methods);
  const webhook =
    options.webhookTarget === undefined ? undefined : createWebhookDelivery(core, settings, options.webhookTarget);
  if (webhook !== undefined) {
    const { setWebhook } = methods;
    methods.setWebhook = (request) => {
      const result = setWebhook?.(request);
      setImmediate(webhook.pump);
      return result;
    };
    core.updates.onPush(webhook.pump);
  }
  const server = await startHttpServer({ core, methods, calls, faults, floodLimit: options.floodLimit });
  const origin = Date.now();

  const report = (): string => {
    const lines = [`Bot API calls (latest last):`, describeRecentCalls(calls, origin)];
    if (core.violations.length > 0)
      lines.push(`Violations (${core.violations.length}):`, ...core.violations.map((v) => `  - ${v}`));
    const waiting = core.updates.undeliveredCount();
    if (waiting > 0 && webhook === undefined)
      lines.push(
        `${waiting} update(s) queued but never fetched by the bot: is it polling this emulator (bot.start())?`,
      );
    const failed = webhook?.deliveries.filter((d) => d.status < 200 || d.status >= 300) ?? [];
    if (failed.length > 0)
      lines.push(
        `Webhook deliveries that failed (${failed.length}, latest last):`,
        ...failed.slice(-5).map((d) => `  - update ${d.update_id} (${d.type}): ${d.status || d.error}`),
      );
    if (webhook !== undefined && settings.webhook === undefined && core.updates.pending().length > 0)
      lines.push(`${core.updates.pending().length} update(s) queued but no webhook is set`);
    return lines.join("\n");
  };

  const chatView = (chatId: number): string => {
    const shown = core.chats
      .botMessages(chatId)
      .map(
        (m) =>
          `  #${m.message_id} ${m.kind} ${JSON.stringify(m.content.slice(0, 120))}${m.buttons.length > 0 ? ` buttons ${JSON.stringify(m.buttons.map((b) => b.text))}` : ""}`,
      );
    return `Chat ${chatId} now shows ${shown.length} bot message(s):\n${shown.join("\n") || "  (none)"}`;
  };

  const emulator: TelegramEmulator = {
    ...createUserActions(core, callbacks),
    apiRoot: server.apiRoot,
    token: core.token,
    botId: core.botUser.id,
    botUser: core.botUser,
    async close() {
      core.clearTimers();
      webhook?.close();
      payments.abandon();
      core.updates.close();
      await server.close();
    },

    preCheckout: (user, input) => payments.preCheckout(user, input),
    successfulPayment: (user, input) => payments.successfulPayment(user, input),
    paymentWithoutUpdate: (user, input) => payments.paymentWithoutUpdate(user, input),
    refundWithoutBot: (userId, chargeId) => payments.refundWithoutBot(userId, chargeId),
    async pay(user, input) {
      const preCheckout = await payments.preCheckout(user, {
        currency: input.currency,
        total_amount: input.total_amount,
        invoice_payload: input.invoice_payload,
      });
      return preCheckout.ok ? { preCheckout, message: payments.successfulPayment(user, input) } : { preCheckout };
    },
    subscriptionUpdate: (user, input) => payments.subscriptionUpdate(user, input),
    stopGeneration: (user, draftId) => rich.stopGeneration(user, draftId),

    calls,
    callsOf: (method) => calls.filter((call) => call.method.toLowerCase() === method.toLowerCase()),
    messages: (chatId) => core.chats.botMessages(chatId),
    lastBotMessage: (chatId) => core.chats.botMessages(chatId).at(-1),
    replyKeyboard: (chatId) => core.chats.get(chatId)?.replyKeyboard,
    pendingUpdates: () => core.updates.pending(),

    async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 10_000, what?: string | (() => string)) {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown;
      for (;;) {
        try {
          const value = check();
          if (value) return value;
        } catch (error) {
          lastError = error;
        }
        if (Date.now() >= deadline) {
          const label = typeof what === "function" ? what() : what;
          const threw =
            lastError === undefined
              ? ""
              : `\nLast check threw: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
          throw new Error(
            `waitFor timed out after ${timeoutMs} ms${label === undefined ? "" : `: ${label}`}${threw}\n${report()}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    waitForBotMessage(chatId, predicate, timeoutMs) {
      return emulator.waitFor(
        () => core.chats.botMessages(chatId).find(predicate),
        timeoutMs,
        () => `a bot message in chat ${chatId} matching ${predicate.toString().slice(0, 200)}\n${chatView(chatId)}`,
      );
    },
    waitForCall(method, predicate = () => true, timeoutMs) {
      return emulator.waitFor(
        () => emulator.callsOf(method).find(predicate),
        timeoutMs,
        `a ${method} call matching ${predicate.toString().slice(0, 200)}`,
      );
    },

    violations: core.violations,
    unansweredCallbackQueries: () => callbacks.unanswered(),
    assertNoViolations() {
      const open = [...callbacks.unanswered(), ...payments.pendingPreCheckouts()];
      if (core.violations.length === 0 && open.length === 0) return;
      const pending = open.length === 0 ? "" : `\nUnanswered queries:\n${open.map((q) => `  - ${q}`).join("\n")}`;
      throw new Error(`Telegram emulator: the bot broke Telegram's rules.${pending}\n${report()}`);
    },
    async expectClean(timeoutMs = 3_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && callbacks.unanswered().length + payments.pendingPreCheckouts().length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      emulator.assertNoViolations();
    },
    failNext(method, error) {
      const key = method.toLowerCase();
      faults.set(key, [...(faults.get(key) ?? []), error]);
    },

    refunds: payments.refunds,
    payments: payments.payments,
    invoices: invoiceLog.invoices,
    invoiceLinks: invoiceLog.invoiceLinks,
    subscriptionEdits: payments.subscriptionEdits,
    callbackAnswers: callbacks.answers,
    chatActions: messageLog.chatActions,
    drafts: messageLog.drafts,
    settings,
    webhookDeliveries: webhook?.deliveries ?? [],
    commands: (languageCode, scope) => settings.commands.get(commandsKey(languageCode, scope)),
    groups,
  };
  return emulator;
}
