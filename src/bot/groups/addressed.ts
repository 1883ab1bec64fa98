import type { Message, MessageEntity } from "grammy/types";

/** The bot as a group sees it: its @username and id. */
export interface BotIdentity {
  id: number;
  username: string;
}

/**
 * What a group message asks of the bot, or null when it is not addressed to it: a message that
 * mentions the bot (the mention is cut out of the prompt) or replies to one of its messages.
 * Everything else is other members' chatter the bot never answers.
 */
export function addressedPrompt(message: Message, bot: BotIdentity): string | null {
  const text = message.text ?? message.caption ?? "";
  const entities: MessageEntity[] = message.entities ?? message.caption_entities ?? [];
  const handle = `@${bot.username}`.toLowerCase();
  const mentions = entities.filter(
    (e) =>
      (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === "text_mention" && e.user.id === bot.id),
  );
  const repliesToBot = message.reply_to_message?.from?.id === bot.id;
  if (mentions.length === 0 && !repliesToBot) return null;
  let prompt = text;
  // From the end, so earlier offsets stay valid.
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) {
    prompt = prompt.slice(0, e.offset) + prompt.slice(e.offset + e.length);
  }
  return prompt.replace(/\s+/g, " ").trim();
}

/** True in groups and supergroups (forums included). */
export function isGroupChat(chat: { type: string } | undefined): boolean {
  return chat?.type === "group" || chat?.type === "supergroup";
}
