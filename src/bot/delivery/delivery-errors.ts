import { GrammyError } from "grammy";
import { DeliveryFailed } from "../../generation/types.js";

/**
 * Whether a failed send will fail again whatever we do: Telegram refused it outright (400: the chat
 * or the request is wrong; 403: the bot was blocked or removed). Network errors, 5xx and flood waits
 * that would not end may pass, so the delivery is tried again later.
 */
export function deliveryFailure(error: unknown): DeliveryFailed {
  const refused = error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403);
  return new DeliveryFailed(refused, { cause: error });
}

/** Telegram's answer for a message that is no longer there (the user deleted it). */
export function isMessageGone(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message to (edit|delete) not found/.test(error.description)
  );
}
