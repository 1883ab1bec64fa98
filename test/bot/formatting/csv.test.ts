import { describe, expect, it } from "vitest";
import { toCsv } from "../../../src/bot/formatting/csv.js";

describe("toCsv", () => {
  it("quotes commas, quotes and newlines, leaves empty cells for null, and defuses formulas", () => {
    const csv = toCsv(
      [
        { a: 1, b: 'say "hi", then\nleave', c: null },
        { a: -5, b: "=HYPERLINK(1)", c: "@x" },
      ],
      ["a", "b", "c"],
    );
    expect(csv).toBe('a,b,c\r\n1,"say ""hi"", then\nleave",\r\n-5,\'=HYPERLINK(1),\'@x\r\n');
  });
});
