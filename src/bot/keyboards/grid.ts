import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";

/**
 * Splits items into rows of at most `perRow`, as even as they can be (9 at 4 a row → 3·3·3, 7 → 4·3),
 * so no row is a lone button in the middle of a keyboard; never an empty row.
 */
export function balancedRows<T>(items: readonly T[], perRow: number): T[][] {
  if (items.length === 0) return [];
  const rowCount = Math.ceil(items.length / Math.max(1, perRow));
  const base = Math.floor(items.length / rowCount);
  const longer = items.length % rowCount;
  const rows: T[][] = [];
  let start = 0;
  for (let row = 0; row < rowCount; row++) {
    // The longer rows come first: a shorter row closes the group.
    const size = base + (row < longer ? 1 : 0);
    rows.push(items.slice(start, start + size));
    start += size;
  }
  return rows;
}

/** A keyboard of these rows in order, empty rows dropped (grammY's `.row()` after a full row leaves one). */
export function keyboardOf(rows: readonly (readonly InlineKeyboardButton[])[]): InlineKeyboard {
  return InlineKeyboard.from(rows.filter((row) => row.length > 0).map((row) => [...row]));
}
