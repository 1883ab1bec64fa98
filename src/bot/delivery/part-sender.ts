import type { DeliveryParts } from "../../generation/types.js";
import type { ChatPace } from "./chat-pace.js";

/**
 * Sends the messages of one result in order, each as the next part: a part an earlier attempt
 * delivered is skipped, each sent one is recorded at once, and flood limits are waited out.
 */
export function createPartSender(pace: ChatPace, chatId: number, parts: DeliveryParts) {
  let index = 0;
  const part = async (send: () => Promise<unknown>): Promise<void> => {
    const current = index++;
    if (current < parts.done) return;
    const message = await pace.required(chatId, send);
    await parts.sent(current + 1, messageIdOf(message));
  };
  /** The last part failed and is replaced by another way of sending it (a rich answer falling back to HTML). */
  const rewind = () => {
    index = Math.max(parts.done, index - 1);
  };
  return Object.assign(part, { rewind });
}

/** The id of the message a send returned (sendMediaGroup returns several: the first names the part). */
function messageIdOf(sent: unknown): number | undefined {
  const first = Array.isArray(sent) ? sent[0] : sent;
  const id = (first as { message_id?: unknown } | undefined)?.message_id;
  return typeof id === "number" ? id : undefined;
}

export type PartSender = ReturnType<typeof createPartSender>;
