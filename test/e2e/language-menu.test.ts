import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, say, startStack, testUser } from "../support/e2e.js";

describe("choosing the language", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({});
  }, 60_000);

  afterAll(async () => stack?.close());

  it("from Settings returns to Settings, and the chat's command menu follows the chosen language", async () => {
    const { tg } = stack;
    const user = testUser(9701, "ru");
    await say(tg, user, "/start");
    const settings = await say(tg, user, "/settings");
    const languageButton = settings.buttons.find((b) => b.callback_data === "menu:settings-language");
    expect(languageButton).toBeDefined();
    tg.clickButton(user, settings, languageButton!.callback_data!);
    const screen = await tg.waitFor(() =>
      tg
        .messages(user.id)
        .find((m) => m.message_id === settings.message_id && m.buttons.some((b) => /English/.test(b.text))),
    );
    // Its way back leads to Settings, not the main menu.
    expect(screen.buttons.some((b) => b.callback_data === "menu:settings")).toBe(true);
    tg.clickButtonByText(user, screen, /English/);
    const back = await tg.waitFor(() =>
      tg.messages(user.id).find((m) => m.message_id === settings.message_id && /confirm/i.test(m.content)),
    );
    expect(back.buttons.some((b) => b.callback_data === "menu:settings-language")).toBe(true);
    const commands = tg.commands("", { type: "chat", chat_id: user.id });
    expect(commands?.find((c) => c.command === "balance")?.description).toMatch(/[A-Za-z]/);
    expect(commands?.find((c) => c.command === "balance")?.description).not.toMatch(/[а-яА-Я]/);
    await tg.expectClean();
  }, 60_000);
});
