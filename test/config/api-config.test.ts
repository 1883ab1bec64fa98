import { describe, expect, it } from "vitest";
import { createConfig } from "../../src/config.js";

const TOKEN = "123456:ABCdef_ghi-JKL";

describe("developer API configuration", () => {
  it("is off without API_PORT, with caps at their defaults", () => {
    expect(createConfig({ BOT_TOKEN: TOKEN }).api).toEqual({
      port: undefined,
      publicUrl: "http://localhost:8080",
      ratePerMinute: 60,
      maxConcurrent: 3,
      bodyLimit: 1_048_576,
    });
  });

  it("reads the port, caps and a public URL given with or without /api/v2", () => {
    const config = createConfig({
      BOT_TOKEN: TOKEN,
      API_PORT: "9090",
      API_PUBLIC_URL: "https://api.example.com/api/v2/",
      API_KEY_RATE_PER_MINUTE: "10",
      API_KEY_MAX_CONCURRENT: "2",
      API_BODY_LIMIT: "4096",
    });
    expect(config.api).toEqual({
      port: 9090,
      publicUrl: "https://api.example.com",
      ratePerMinute: 10,
      maxConcurrent: 2,
      bodyLimit: 4096,
    });
    expect(createConfig({ BOT_TOKEN: TOKEN, API_PORT: "9090" }).api.publicUrl).toBe("http://localhost:9090");
  });

  it("names a bad variable", () => {
    expect(() => createConfig({ BOT_TOKEN: TOKEN, API_PORT: "http" })).toThrow(/API_PORT/);
    expect(() => createConfig({ BOT_TOKEN: TOKEN, API_PUBLIC_URL: "not a url" })).toThrow(/API_PUBLIC_URL/);
  });
});
