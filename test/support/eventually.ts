/** What a check gives back: a value when the condition holds, `undefined` or `false` while it doesn't. */
type Reading<T> = T | undefined | false;

/**
 * Re-reads a condition the system reaches on its own (a database row, a log line, a fake's state)
 * until it holds, and returns what the read gave. The condition decides; the timeout only names
 * what never happened. One helper for every test, so none invents its own loop.
 */
export async function eventually<T>(
  read: () => Reading<T> | Promise<Reading<T>>,
  what: string,
  options: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 20_000, everyMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`never happened within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
