/**
 * A failed Bot API call as the emulator answers it: `error_code` and `description` are what the bot
 * sees (Telegram's own texts); `hint` only goes into `violations` to explain which rule was broken.
 */
export class TelegramApiError extends Error {
  readonly error_code: number;
  readonly description: string;
  readonly retryAfter: number | undefined;
  /** False for simulated conditions (flood limits, injected faults, blocked users): not a bot bug. */
  readonly violation: boolean;
  readonly hint: string | undefined;

  constructor(
    errorCode: number,
    description: string,
    options: { retryAfter?: number; violation?: boolean; hint?: string } = {},
  ) {
    super(options.hint === undefined ? description : `${description} (${options.hint})`);
    this.name = "TelegramApiError";
    this.error_code = errorCode;
    this.description = description;
    this.retryAfter = options.retryAfter;
    this.violation = options.violation ?? true;
    this.hint = options.hint;
  }

  /** The JSON body Telegram sends for this error. */
  toResponse(): { ok: false; error_code: number; description: string; parameters?: { retry_after: number } } {
    return this.retryAfter === undefined
      ? { ok: false, error_code: this.error_code, description: this.description }
      : {
          ok: false,
          error_code: this.error_code,
          description: this.description,
          parameters: { retry_after: this.retryAfter },
        };
  }
}

/** `400 Bad Request: <description>`, optionally with an emulator hint for the violation log. */
export function badRequest(description: string, hint?: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${description}`, hint === undefined ? {} : { hint });
}

/** `429 Too Many Requests: retry after N` with `parameters.retry_after`; never a violation. */
export function tooManyRequests(retryAfter: number): TelegramApiError {
  return new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retryAfter,
    violation: false,
  });
}
