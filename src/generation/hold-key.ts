const PREFIX = "gen:";

/** The ledger key of a generation's hold: one hold per job, whatever retries happen. */
export function holdKeyOf(generationId: number): string {
  return `${PREFIX}${generationId}`;
}

/** Every generation hold's key starts with this. */
export const HOLD_KEY_PREFIX = PREFIX;

/** The generation a hold key belongs to, `undefined` for a key that is not a generation's. */
export function generationOfHoldKey(key: string): number | undefined {
  const match = /^gen:(\d+)$/.exec(key);
  return match ? Number(match[1]) : undefined;
}
