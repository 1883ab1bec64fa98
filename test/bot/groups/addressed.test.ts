import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createGroupPace } from "../../../src/bot/delivery/group-placement.js";
import { addressedPrompt } from "../../../src/bot/groups/addressed.js";

const bot = { id: 42, username: "our_bot" };
const chat = { id: -1, type: "group" as const, title: "g" };

function message(text: string, extra: Partial<Message> = {}): Message {
  const entities = [...text.matchAll(/@\w+/g)].map((m) => ({
    type: "mention" as const,
    offset: m.index ?? 0,
    length: m[0].length,
  }));
  return { message_id: 1, date: 1, chat, text, entities, ...extra } as Message;
}

describe("addressedPrompt", () => {
  it.each([
    ["@our_bot what is 2+2", "what is 2+2"],
    ["what is @our_bot 2+2", "what is 2+2"],
    ["@Our_Bot hi", "hi"],
    ["@our_bot", ""],
  ])("answers %j with the prompt %j", (text, prompt) => {
    expect(addressedPrompt(message(text), bot)).toBe(prompt);
  });

  it("ignores chatter and mentions of other bots", () => {
    expect(addressedPrompt(message("hello everyone"), bot)).toBeNull();
    expect(addressedPrompt(message("@other_bot hi"), bot)).toBeNull();
  });

  it("answers a reply to the bot without a mention", () => {
    const reply = message("and then?", {
      reply_to_message: { message_id: 0, date: 1, chat, from: { id: 42, is_bot: true, first_name: "B" } },
    } as Partial<Message>);
    expect(addressedPrompt(reply, bot)).toBe("and then?");
  });
});

describe("group pace", () => {
  it("lets progress use only what answers leave of a group's minute, per group", () => {
    let now = 0;
    const pace = createGroupPace(() => now);
    for (let i = 0; i < 10; i++) pace.note(-1);
    expect(pace.allow(-1)).toBe(true);
    expect(pace.allow(-1)).toBe(true);
    expect(pace.allow(-1)).toBe(false);
    expect(pace.allow(-2)).toBe(true);
    now = 61_000;
    expect(pace.allow(-1)).toBe(true);
  });
});
