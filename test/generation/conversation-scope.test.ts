import { describe, expect, it } from "vitest";
import { conversationScope } from "../../src/generation/chat-step.js";
import type { GenerationRow } from "../../src/storage/generations-repository.js";

const job = (fields: Partial<GenerationRow>) =>
  ({ id: 9, user_id: 5, chat_id: 5, thread_id: null, guest_query_id: null, ...fields }) as GenerationRow;

describe("conversationScope", () => {
  it.each([
    ["a private chat continues the user's own conversation", job({}), null],
    ["a group has one conversation", job({ chat_id: -100 }), "g:-100:0"],
    ["each forum topic has its own", job({ chat_id: -100, thread_id: 7 }), "g:-100:7"],
    ["a guest answer continues nothing", job({ chat_id: -200, guest_query_id: "q" }), "guest:9"],
  ])("%s", (_, row, scope) => {
    expect(conversationScope(row)).toBe(scope);
  });
});
