import { Composer } from "grammy";
import { modelKinds } from "../../catalog/models/index.js";
import { quotePrice } from "../../catalog/pricing.js";
import type { ModelKind, ModelSpec } from "../../catalog/types.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { createModelCardKeyboard } from "../keyboards/model-card.js";
import {
  createCategoriesKeyboard,
  createModelListKeyboard,
  type ModelAccess,
  orderByAccess,
} from "../keyboards/model-list.js";
import { type Screen, showScreen } from "../screen.js";
import { modelCardExtra, modelCardHead } from "./model-card.js";
import { paramLabel } from "./param-labels.js";
import { unavailableLine } from "./unavailable-reason.js";

/** The menu's categories, in order. */
export const KINDS: readonly ModelKind[] = modelKinds;

function categoriesScreen(ctx: BotContext): Screen {
  return { text: ctx.t("models-choose-category"), keyboard: createCategoriesKeyboard(ctx) };
}

async function categoryScreen(ctx: BotContext, kind: ModelKind): Promise<Screen> {
  const { catalog, engine, accounts, ledger } = ctx.services;
  const plan = await accounts.currentPlan(ctx.account.id);
  const access = (model: ModelSpec): ModelAccess =>
    !engine.isAvailable(model.slug) ? "unavailable" : catalog.isUnlocked(model, plan) ? "ready" : "locked";
  const keyboard = createModelListKeyboard(
    ctx,
    orderByAccess(catalog.byKind(kind), access),
    ctx.account.selected_model,
  );
  const balance = await ledger.balance(ctx.account.id);
  return {
    text: ctx.t("models-choose-model", { category: ctx.t(`category-${kind}`), balance: balance.total }),
    keyboard,
  };
}

/**
 * The model card: name, what it is best for, price (and range), its parameters and what to send next.
 * Opening it selects the model when it can run.
 */
export async function modelCardScreen(ctx: BotContext, model: ModelSpec): Promise<Screen> {
  const { catalog, engine, accounts, ledger, users } = ctx.services;
  const plan = await accounts.currentPlan(ctx.account.id);
  const unlocked = catalog.isUnlocked(model, plan);
  const available = engine.isAvailable(model.slug);
  const user = await users.get(ctx.account.id);
  const found = catalog.find(model.slug);
  const params = { ...found?.params, ...users.modelParams(user)[model.slug] };
  const balance = await ledger.balance(ctx.account.id);
  const lines = [modelCardHead(ctx, model, params, balance.total)];
  // A locked card is selected too: the next prompt is meant for this model and must be refused
  // with the upgrade button, not answered (and charged) by the model selected before.
  if (!unlocked || available) {
    if (user.selected_model !== model.slug) {
      await users.selectModel(user.id, model.slug);
      await users.setPendingInputs(user.id, null);
    }
    ctx.account = { ...ctx.account, selected_model: model.slug };
  }
  if (!unlocked) lines.push(ctx.t("model-card-locked"));
  else if (!available) lines.push(unavailableLine(ctx, model));
  else lines.push(modelCardExtra(ctx, model, params));
  // How Stop is billed, stated before anything is spent.
  if (model.kind === "text") lines.push(ctx.t("stop-card-rules"));
  return { text: lines.join("\n\n"), keyboard: createModelCardKeyboard(ctx, model, params, { unlocked, available }) };
}

export const modelsFeature = new Composer<BotContext>();

modelsFeature.command("models", (ctx) => showScreen(ctx, categoriesScreen(ctx)));

modelsFeature.callbackQuery(cb.menu.filter, async (ctx, next) => {
  if (cb.menu.unpack(ctx.callbackQuery.data).screen !== "models") return next();
  await ctx.answerCallbackQuery();
  await showScreen(ctx, categoriesScreen(ctx));
});

modelsFeature.callbackQuery(cb.category.filter, async (ctx) => {
  const { kind } = cb.category.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (!(KINDS as readonly string[]).includes(kind)) return;
  await showScreen(ctx, await categoryScreen(ctx, kind as ModelKind));
});

modelsFeature.callbackQuery(cb.param.filter, async (ctx) => {
  const { slug, name, index } = cb.param.unpack(ctx.callbackQuery.data);
  const found = ctx.services.catalog.find(slug);
  const option = found?.model.params.find((p) => p.name === name)?.options[Number(index)];
  if (!found || option === undefined) return ctx.answerCallbackQuery(ctx.t("callback-unknown"));
  const { users } = ctx.services;
  const user = await users.get(ctx.account.id);
  const params = { ...users.modelParams(user)[found.model.slug], [name]: option };
  await users.setModelParams(user.id, found.model.slug, params);
  const price = quotePrice(found.model, params).token_cost;
  await ctx.answerCallbackQuery(ctx.t("param-set", { price }));
  await showScreen(ctx, await modelCardScreen(ctx, found.model));
});

modelsFeature.callbackQuery(cb.paramInfo.filter, async (ctx) => {
  const { slug, name } = cb.paramInfo.unpack(ctx.callbackQuery.data);
  const model = ctx.services.catalog.find(slug)?.model;
  if (!model?.params.some((p) => p.name === name)) return ctx.answerCallbackQuery(ctx.t("callback-unknown"));
  await ctx.answerCallbackQuery(ctx.t("param-row-hint", { label: paramLabel(ctx, model, name) }));
});

modelsFeature.callbackQuery(cb.model.filter, async (ctx) => {
  const found = ctx.services.catalog.find(cb.model.unpack(ctx.callbackQuery.data).slug);
  await ctx.answerCallbackQuery();
  if (!found) return;
  await showScreen(ctx, await modelCardScreen(ctx, found.model));
});
