import type { MessageEntity } from "grammy/types";

/** Text after entity parsing, with offsets and lengths in UTF-16 code units (JS `.length`). */
export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

/** A parse-mode error; its message follows "Bad Request: can't parse entities: ". */
export class EntityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EntityParseError";
  }
}

/** Telegram's order: by offset, outer (longer) entities first, then in the order they were opened. */
export function sortEntities(found: Array<{ entity: MessageEntity; order: number }>): MessageEntity[] {
  return found
    .sort((a, b) => a.entity.offset - b.entity.offset || b.entity.length - a.entity.length || a.order - b.order)
    .map((item) => item.entity);
}

/**
 * The entity a link markup produces: a `text_mention` for `tg://user?id=N`, a `text_link` for a
 * valid URL (a bare domain gets `http://`), nothing for an invalid URL, as Telegram does.
 */
export function linkEntity(url: string, offset: number, length: number): MessageEntity | undefined {
  const mention = /^tg:(?:\/\/)?user\/?\?(?:.*&)?id=(\d+)/i.exec(url.trim());
  if (mention !== null) {
    return { type: "text_mention", offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: "" } };
  }
  const normalized = normalizeUrl(url);
  return normalized === undefined ? undefined : { type: "text_link", offset, length, url: normalized };
}

export function normalizeUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (url === "") return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`;
  try {
    const parsed = new URL(withScheme);
    if (!["http:", "https:", "tg:", "ton:"].includes(parsed.protocol)) return undefined;
    if ((parsed.protocol === "http:" || parsed.protocol === "https:") && !parsed.hostname.includes(".")) {
      return undefined; // Telegram refuses hosts without a dot (localhost, intranet names)
    }
    return withScheme;
  } catch {
    return undefined;
  }
}

/** Removes leading/trailing whitespace like Telegram does, moving and clipping entities to match. */
export function trimParsed(parsed: ParsedText): ParsedText {
  const start = parsed.text.length - parsed.text.replace(/^[ \t\r\n\v\f]+/, "").length;
  const text = parsed.text.slice(start).replace(/[ \t\r\n\v\f]+$/, "");
  const end = start + text.length;
  const entities: MessageEntity[] = [];
  for (const entity of parsed.entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to > from) entities.push({ ...entity, offset: from - start, length: to - from });
  }
  return { text, entities };
}
