/** The two buckets of an account. Subscription tokens reset each cycle; package tokens never expire. */
export interface Buckets {
  sub: number;
  pkg: number;
}

/** How a spend of `amount` is taken: subscription tokens first, then package tokens. `null` if short. */
export function splitSpend(balance: Buckets, amount: number): Buckets | null {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad amount ${amount}`);
  if (balance.sub + balance.pkg < amount) return null;
  const sub = Math.min(balance.sub, amount);
  return { sub, pkg: amount - sub };
}

/**
 * Takes back refunded package tokens as far as the balance allows: from the package bucket,
 * then from the subscription bucket. Returns what is taken and what was already spent.
 */
export function splitClawback(balance: Buckets, amount: number): Buckets & { missing: number } {
  const pkg = Math.min(balance.pkg, amount);
  const sub = Math.min(balance.sub, amount - pkg);
  return { pkg, sub, missing: amount - pkg - sub };
}
