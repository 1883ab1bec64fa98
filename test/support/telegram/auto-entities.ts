import type { MessageEntity } from "grammy/types";

/**
 * Entities Telegram's servers detect by themselves in every message text (bot commands, URLs,
 * @mentions, #hashtags), except inside code, pre and links.
 */
const PATTERNS: Array<{ type: "bot_command" | "url" | "mention" | "hashtag"; pattern: RegExp }> = [
  { type: "bot_command", pattern: /(?<=^|[\s(])\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/])/g },
  { type: "url", pattern: /(?<=^|[^\w@/.])https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/g },
  { type: "mention", pattern: /(?<=^|[^\w@/])@[a-zA-Z0-9_]{5,32}(?!\w)/g },
  { type: "hashtag", pattern: /(?<=^|[^\w#&/])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
];
const OPAQUE = new Set(["code", "pre", "text_link", "text_mention", "custom_emoji", "date_time"]);

export function detectEntities(text: string, existing: MessageEntity[]): MessageEntity[] {
  const blocked = existing.filter((entity) => OPAQUE.has(entity.type));
  const detected: MessageEntity[] = [];
  for (const { type, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      const overlaps = (other: MessageEntity): boolean =>
        offset < other.offset + other.length && other.offset < offset + length;
      if (blocked.some(overlaps) || detected.some(overlaps)) continue;
      detected.push({ type, offset, length });
    }
  }
  return detected;
}
