import type { Catalog } from "../catalog/catalog.js";
import { priceRange } from "../catalog/pricing.js";
import type { ModelSpec } from "../catalog/types.js";
import type { Providers } from "../providers/types.js";
import type { HelpQuestionsRepository, HelpSlot } from "../storage/help-questions-repository.js";

/** A question longer than this is cut: the desk answers questions about the bot, not documents. */
export const HELP_QUESTION_CHARS = 500;
/** Short answers: the desk is free, so its upstream cost is kept small. */
const HELP_ANSWER_TOKENS = 600;
/** Questions per user in a rolling hour: the desk is free, so one user cannot run up its upstream bill. */
export const HELP_QUESTIONS_PER_HOUR = 10;

/** The product's rules, as the seeds state them; the desk may say nothing beyond these and the data below. */
const RULES = [
  "A token is the bot's billing unit (not an LLM token). Every model has a price in tokens per request; media models' prices depend on their parameters (size, quality, duration, resolution), shown before anything is spent.",
  "A failed generation costs nothing: its tokens are returned at once.",
  "A text answer stopped before any text arrived costs nothing; stopped after text arrived, the partial answer is kept and charged.",
  "New users get the Starter plan: 50 one-time tokens and the Starter models only. Any paid plan unlocks all models; plans differ in monthly tokens and rate limits.",
  "Subscription tokens are credited at the start of each monthly cycle and do not roll over. Package tokens never expire and are spent only after the subscription tokens run out.",
  "Payments are in Telegram Stars: /buy for token packages, /plans for subscriptions, /balance for the balance and history.",
  "Out of tokens, a request is refused with a way to top up; over the plan's hourly or daily limit, it is refused with when the limit resets. Nothing is silently dropped.",
  "Refunds: /paysupport with the receipt of the payment. A refund returns the Stars and takes back that purchase's tokens; tokens already spent cannot be taken back.",
  "Commands: /models to choose a model, /new for a fresh conversation, /settings, /language, /help, /terms, /paysupport, /api for developer keys.",
  "Text models also answer about photos (the vision models) and about PDF, .txt, .md, .csv and .docx files up to 2 MB and 100,000 characters.",
];

function priceText(model: ModelSpec): string {
  const { min, max } = priceRange(model);
  return min === max ? `${min} tokens` : `${min}–${max} tokens depending on parameters`;
}

/**
 * The desk's system prompt, built only from data: the catalog, plans, packages and rules. Whatever
 * the model says comes from here, so it cannot promise prices or features the bot does not have.
 */
export function helpDeskPrompt(catalog: Catalog, isAvailable: (slug: string) => boolean): string {
  const models = catalog.models.map(
    (m) =>
      `- ${m.name} (${m.slug}): ${m.kind}, by ${m.vendor}, ${priceText(m)} per request, ` +
      `${m.tier === "starter" ? "in the Starter plan" : "paid plans only"}` +
      `${m.vision ? ", reads photos" : ""}${isAvailable(m.slug) ? "" : ", unavailable right now"}`,
  );
  const plans = catalog.plans.map(
    (p) =>
      `- ${p.name}: ${p.monthlyTokens} tokens${p.priceRub > 0 ? ` per month, ${p.priceRub} RUB` : " once, free"}, ` +
      `limits ${p.perHour ?? "unlimited"} requests per hour and ${p.perDay ?? "unlimited"} per day, ` +
      `${p.unlocksAllModels ? "all models" : "Starter models only"}`,
  );
  const packages = catalog.packages.map((p) => `- ${p.name}: ${p.tokens} tokens, ${p.priceRub} RUB, never expire`);
  return [
    "You are the help desk of an AI aggregator Telegram bot. Answer questions about the bot only: prices, plans, packages, models, limits, refunds and how to use it.",
    "Use ONLY the facts below. If they do not answer the question, say so and suggest /paysupport. Refuse other tasks (writing, coding, general questions) in one sentence and point to /models.",
    "Answer briefly, in plain text without Markdown, in the language of the question.",
    "",
    "Rules:",
    ...RULES.map((r) => `- ${r}`),
    "",
    "Models:",
    ...models,
    "",
    "Plans:",
    ...plans,
    "",
    "Token packages (paid in Telegram Stars):",
    ...packages,
  ].join("\n");
}

export interface HelpDeskDeps {
  catalog: Catalog;
  providers: Providers;
  isAvailable(slug: string): boolean;
  /** The questions each user asked, shared by every instance (the hourly limit). */
  questions: HelpQuestionsRepository;
}

/** Free answers about the bot from the cheapest available streaming text model; nothing is charged. */
export function createHelpDesk(deps: HelpDeskDeps) {
  const { catalog, providers, isAvailable, questions } = deps;

  function deskModel(): ModelSpec | undefined {
    return catalog
      .byKind("text")
      .filter((m) => m.route.operation === "chat" && isAvailable(m.slug) && providers.chat(m.route.provider))
      .sort((a, b) => priceRange(a).max - priceRange(b).max)[0];
  }

  return {
    /** Whether the user may ask now (shown before they type); takes no slot. */
    mayAsk: (userId: number): Promise<HelpSlot> => questions.check(userId, HELP_QUESTIONS_PER_HOUR),

    /** Counts one question against the user's hourly limit, or says when a slot frees. */
    takeSlot: (userId: number): Promise<HelpSlot> => questions.take(userId, HELP_QUESTIONS_PER_HOUR),

    /** The answer, or `undefined` when no text model can answer now. */
    async answer(question: string, signal?: AbortSignal): Promise<string | undefined> {
      const model = deskModel();
      const chat = model && providers.chat(model.route.provider);
      if (!model || !chat) return undefined;
      const result = await chat.chat({
        route: model.route,
        messages: [
          { role: "system", content: helpDeskPrompt(catalog, isAvailable) },
          { role: "user", content: question.slice(0, HELP_QUESTION_CHARS) },
        ],
        maxTokens: HELP_ANSWER_TOKENS,
        signal,
      });
      return result.text.trim() || undefined;
    },
  };
}

export type HelpDesk = ReturnType<typeof createHelpDesk>;
