/** The ledger key of a generation's hold: one hold per job, whatever retries happen. */
export function holdKeyOf(generationId: number): string {
  return `gen:${generationId}`;
}
