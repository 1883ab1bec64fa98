import { describe, expect, it } from "vitest";
import { ConfigError, createConfig, SECRET_VARIABLES } from "../../src/config.js";

const TOKEN = "123456:ABCdef_ghi-JKL";

describe("PAYLOAD_SECRET", () => {
  it("is optional, empty means unset, and it is redacted from logs", () => {
    expect(createConfig({ BOT_TOKEN: TOKEN }).payloadSecret).toBeUndefined();
    expect(createConfig({ BOT_TOKEN: TOKEN, PAYLOAD_SECRET: "  " }).payloadSecret).toBeUndefined();
    expect(createConfig({ BOT_TOKEN: TOKEN, PAYLOAD_SECRET: "0123456789abcdef" }).payloadSecret).toBe(
      "0123456789abcdef",
    );
    expect(SECRET_VARIABLES).toContain("PAYLOAD_SECRET");
  });

  it("refuses a secret too short to sign with, in one line naming it", () => {
    expect(() => createConfig({ BOT_TOKEN: TOKEN, PAYLOAD_SECRET: "short" })).toThrow(
      new ConfigError("Configuration error: PAYLOAD_SECRET must be at least 16 characters"),
    );
  });
});
