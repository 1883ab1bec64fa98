/**
 * Dates for users as Telegram's `date_time` entity (Bot API 9.5): `<tg-time unix="…" format="…">`.
 * Each reader's app renders the moment in their own time zone and locale; the UTC text inside is
 * only the fallback an older app shows. Formats: `d` short date, `D` long date, `t` short time,
 * `T` long time, `w` the weekday, combinable as `w?[dD]?[tT]?`; `r` alone is relative ("in 5 minutes").
 */
export type DateTimeFormat = "r" | `${"w" | ""}${"d" | "D" | ""}${"t" | "T" | ""}`;

const tgTime = (ms: number, format: DateTimeFormat, fallback: string) =>
  `<tg-time unix="${Math.floor(ms / 1000)}" format="${format}">${fallback}</tg-time>`;

const iso = (ms: number) => new Date(ms).toISOString();

/** A day (subscription ends, promo codes): the reader's short date. */
export function shownDay(ms: number): string {
  return tgTime(ms, "d", iso(ms).slice(0, 10));
}

/** A moment to the minute (history, payments): the reader's short date and time. */
export function shownMinute(ms: number): string {
  return tgTime(ms, "dt", `${iso(ms).slice(0, 16).replace("T", " ")} UTC`);
}

/** A time within the next hours (a limit's reset): the reader's short time. */
export function shownTime(ms: number): string {
  return tgTime(ms, "t", `${iso(ms).slice(11, 16)} UTC`);
}
