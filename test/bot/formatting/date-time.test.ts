import { describe, expect, it } from "vitest";
import { shownDay, shownMinute, shownTime } from "../../../src/bot/formatting/date-time.js";
import { formatText } from "../../support/telegram/formatted-text.js";

const MS = Date.UTC(2026, 7, 24, 14, 5, 59);
const UNIX = Math.floor(MS / 1000);

describe("dates for users", () => {
  it.each([
    [shownDay, "d", "2026-08-24"],
    [shownMinute, "dt", "2026-08-24 14:05 UTC"],
    [shownTime, "t", "14:05 UTC"],
  ] as const)("%o is one date_time entity over its UTC fallback", (render, format, fallback) => {
    const { text, entities } = formatText(`Until ${render(MS)}.`, "HTML", undefined);
    expect(text).toBe(`Until ${fallback}.`);
    expect(entities).toEqual([
      { type: "date_time", offset: 6, length: fallback.length, unix_time: UNIX, date_time_format: format },
    ]);
  });
});
