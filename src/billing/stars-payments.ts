import type { Catalog } from "../catalog/catalog.js";
import type { Clock } from "../clock.js";
import type { Storage } from "../storage/database.js";
import type { Accounts } from "./accounts.js";
import type { Ledger } from "./ledger.js";
import type { PayloadSecrets } from "./payload-secrets.js";
import type { PaymentHooks } from "./payment-hooks.js";
import { createPayments } from "./payments.js";
import { createStarsPrices, parseStarsOverrides, productIds } from "./stars-prices.js";

export interface StarsPaymentsDeps {
  storage: Storage;
  ledger: Ledger;
  accounts: Accounts;
  clock: Clock;
  catalog: Pick<Catalog, "packages" | "plans">;
  /** From `loadPayloadSecrets`: PAYLOAD_SECRET or the stored random secret, plus older keys for verifying. */
  secrets: PayloadSecrets;
  /** STARS_PER_RUB */
  starsPerRub: number;
  /** STARS_PRICE_OVERRIDES, `id=stars,…`; a malformed value throws at start. */
  starsPriceOverrides: string;
  hooks?: PaymentHooks;
}

/** The payments service as the configuration asks for it: prices from the rate and overrides, payloads signed with the configured or stored secret. */
export function createStarsPayments(deps: StarsPaymentsDeps) {
  const { packages, plans } = deps.catalog;
  const overrides = parseStarsOverrides(deps.starsPriceOverrides, productIds(packages, plans));
  const prices = createStarsPrices({ rate: deps.starsPerRub, overrides, packages, plans });
  return createPayments({
    storage: deps.storage,
    ledger: deps.ledger,
    accounts: deps.accounts,
    clock: deps.clock,
    prices,
    secret: deps.secrets.sign,
    verifySecrets: deps.secrets.verify,
    findPackage: (id) => packages.find((p) => p.id === id),
    findPlan: (id) => plans.find((p) => p.id === id),
    hooks: deps.hooks,
  });
}
