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
    await pace.required(chatId, send);
    await parts.sent(current + 1);
  };
  /** The last part failed and is replaced by another way of sending it (a rich answer falling back to HTML). */
  const rewind = () => {
    index = Math.max(parts.done, index - 1);
  };
  return Object.assign(part, { rewind });
}

export type PartSender = ReturnType<typeof createPartSender>;
