/** Refusals a user is told about; `i18nKey` names the message in `locales/*.ftl`. */
export class InsufficientTokens extends Error {
  override readonly name = "InsufficientTokens";
  readonly i18nKey = "error-insufficient-tokens";
  constructor(
    readonly price: number,
    readonly balance: number,
  ) {
    super(`needs ${price} tokens, has ${balance}`);
  }
}

export class RateLimited extends Error {
  override readonly name = "RateLimited";
  readonly i18nKey = "error-rate-limited";
  constructor(
    readonly window: "hour" | "day",
    readonly limit: number,
    readonly resetsAt: Date,
  ) {
    super(`over ${limit} requests per ${window} until ${resetsAt.toISOString()}`);
  }
}

export class ModelLocked extends Error {
  override readonly name = "ModelLocked";
  readonly i18nKey = "error-model-locked";
  constructor(readonly model: string) {
    super(`${model} needs a paid plan`);
  }
}
