/** Why a set of parameters cannot be priced. */
export type InvalidParamsReason = "unknown-param" | "invalid-value" | "invalid-count";

/**
 * Parameters a model does not take, a value outside a parameter's options, or a count that is not
 * a positive integer. Raised before anything is held, so the user is told and nothing is spent.
 */
export class InvalidParams extends Error {
  override readonly name = "InvalidParams";
  readonly i18nKey = "error-invalid-params";
  constructor(
    readonly model: string,
    readonly reason: InvalidParamsReason,
    readonly param?: string,
    readonly value?: unknown,
  ) {
    super(describe(model, reason, param, value));
  }
}

function describe(model: string, reason: InvalidParamsReason, param?: string, value?: unknown): string {
  switch (reason) {
    case "unknown-param":
      return `${model} has no parameter "${param}"`;
    case "invalid-value":
      return `${model}: ${JSON.stringify(value)} is not an option of "${param}"`;
    case "invalid-count":
      return `${model}: count must be a positive integer, got ${JSON.stringify(value)}`;
  }
}

/** A slug or alias that names no model (`catalog.get`). */
export class UnknownModel extends Error {
  override readonly name = "UnknownModel";
  readonly i18nKey = "error-unknown-model";
  constructor(readonly slug: string) {
    super(`no model "${slug}"`);
  }
}

/** Catalog data that contradicts itself (a matrix missing a combination, a duplicate alias, …). */
export class InvalidCatalog extends Error {
  override readonly name = "InvalidCatalog";
}

/** A route-override file that is not valid JSON, does not match the schema, or names unknown models. */
export class InvalidRouteOverrides extends Error {
  override readonly name = "InvalidRouteOverrides";
  constructor(readonly issues: readonly string[]) {
    super(`invalid route overrides:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
  }
}
