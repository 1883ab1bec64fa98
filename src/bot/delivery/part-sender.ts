import type { DeliveryParts } from "../../generation/types.js";
import type { ChatPace } from "./chat-pace.js";

/**
 * Sends the messages of one result in order, each as the next part: a part an earlier attempt
 * delivered is skipped, each sent one is recorded at once, and flood limits are waited out.
 */
export function createPartSender(pace: ChatPace, chatId: number, parts: DeliveryParts) {
  let index = 0;
  return async function part(send: () => Promise<unknown>): Promise<void> {
    const current = index++;
    if (current < parts.done) return;
    await pace.required(chatId, send);
    await parts.sent(current + 1);
  };
}

export type PartSender = ReturnType<typeof createPartSender>;
