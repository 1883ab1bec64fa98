import { describe, expect, it, vi } from "vitest";
import { createChatPace, retryAfterOf } from "../../../src/bot/delivery/chat-pace.js";

/** Telegram's 429 as grammY throws it. */
const flood = (seconds: number) =>
  Object.assign(new Error(`Too Many Requests: retry after ${seconds}`), {
    error_code: 429,
    parameters: { retry_after: seconds },
  });

/** A clock that moves only when a sleep is let go, so a 30-second wait takes no real time. */
function manualTime() {
  let t = 1_000_000;
  const sleeps: { ms: number; release: () => void }[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        sleeps.push({
          ms,
          release: () => {
            t += ms;
            resolve();
          },
        });
      }),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("chat pace", () => {
  it("a required call waits out a 30-second retry_after and is made again, without delaying another chat", async () => {
    const time = manualTime();
    const pace = createChatPace({ now: time.now, sleep: time.sleep });
    const calls: { chat: number; at: number }[] = [];
    let first = true;
    const video = pace.required(1, async () => {
      calls.push({ chat: 1, at: time.now() });
      if (first) {
        first = false;
        throw flood(30);
      }
      return "video sent";
    });
    await vi.waitFor(() => expect(time.sleeps).toHaveLength(1));
    expect(time.sleeps[0]?.ms).toBe(30_000);
    expect(pace.blockedUntil(1)).toBe((calls[0]?.at ?? 0) + 30_000);

    // Chat 2 is answered at once while chat 1 waits.
    const other = await pace.required(2, async () => {
      calls.push({ chat: 2, at: time.now() });
      return "answer sent";
    });
    expect(other).toBe("answer sent");
    expect(calls.map((c) => c.chat)).toEqual([1, 2]);

    time.sleeps[0]?.release();
    await expect(video).resolves.toBe("video sent");
    expect(calls.map((c) => c.chat)).toEqual([1, 2, 1]);
    expect((calls[2]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(30_000);
  });

  it("gives up after too many floods in a row, and passes other errors through at once", async () => {
    const time = manualTime();
    const pace = createChatPace({ now: time.now, sleep: async (ms) => time.advance(ms), maxFloodWaits: 2 });
    let attempts = 0;
    await expect(
      pace.required(1, async () => {
        attempts++;
        throw flood(5);
      }),
    ).rejects.toMatchObject({ error_code: 429 });
    expect(attempts).toBe(3);
    const forbidden = Object.assign(new Error("Forbidden: bot was blocked by the user"), { error_code: 403 });
    await expect(pace.required(2, () => Promise.reject(forbidden))).rejects.toBe(forbidden);
  });

  it("drafts and edits share the chat's pace: skipped too soon after a call, and a 429 backs off instead of retrying", async () => {
    const time = manualTime();
    const pace = createChatPace({ now: time.now, sleep: time.sleep, minGapMs: 1_000 });
    const made: string[] = [];
    const call = (name: string) => async () => {
      made.push(name);
      return name;
    };
    // A chat action does not take the gap: the draft right after it goes out.
    expect(await pace.optional(7, call("typing"), { ignoreGap: true })).toBe("typing");
    expect(await pace.optional(7, call("draft 1"))).toBe("draft 1");
    // An edit right after the draft is the same chat's pace: skipped.
    expect(await pace.optional(7, call("edit 1"))).toBeUndefined();
    time.advance(1_000);
    expect(
      await pace.optional(7, async () => {
        made.push("draft 2");
        throw flood(20);
      }),
    ).toBeUndefined();
    // Nothing is retried, and for the next 20 s no draft or edit is even tried.
    time.advance(10_000);
    expect(await pace.optional(7, call("edit 2"))).toBeUndefined();
    expect(await pace.optional(7, call("first progress"), { ignoreGap: true })).toBeUndefined();
    expect(time.sleeps).toHaveLength(0);
    // Another chat is not held back.
    expect(await pace.optional(8, call("other chat"))).toBe("other chat");
    time.advance(10_000);
    expect(await pace.optional(7, call("draft 3"))).toBe("draft 3");
    expect(made).toEqual(["typing", "draft 1", "draft 2", "other chat", "draft 3"]);
  });

  it("a delivery is not held back by a draft's 429: it is tried at once, and waits only if told to", async () => {
    const time = manualTime();
    const pace = createChatPace({ now: time.now, sleep: time.sleep });
    await pace.optional(3, () => Promise.reject(flood(12)));
    const calls: number[] = [];
    const sent = pace.required(3, async () => {
      calls.push(time.now());
      if (calls.length === 1) throw flood(12);
      return "answer";
    });
    await vi.waitFor(() => expect(time.sleeps).toHaveLength(1));
    expect(time.sleeps[0]?.ms).toBe(12_000);
    time.sleeps[0]?.release();
    expect(await sent).toBe("answer");
    expect(calls).toEqual([calls[0], (calls[0] ?? 0) + 12_000]);
  });

  it("a required call that was told to wait makes the chat's next required call wait too", async () => {
    const time = manualTime();
    const pace = createChatPace({ now: time.now, sleep: time.sleep });
    let first = true;
    const video = pace.required(4, async () => {
      if (!first) return "video";
      first = false;
      throw flood(30);
    });
    await vi.waitFor(() => expect(time.sleeps).toHaveLength(1));
    let made = false;
    const caption = pace.required(4, async () => {
      made = true;
      return "caption";
    });
    await vi.waitFor(() => expect(time.sleeps).toHaveLength(2));
    expect(made).toBe(false);
    time.sleeps[0]?.release();
    await expect(video).resolves.toBe("video");
    time.sleeps[1]?.release();
    await expect(caption).resolves.toBe("caption");
    expect(made).toBe(true);
  });

  it("reads retry_after from grammY-shaped errors only", () => {
    expect(retryAfterOf(flood(30))).toBe(30);
    expect(retryAfterOf({ error_code: 400 })).toBeUndefined();
    expect(retryAfterOf(new Error("network"))).toBeUndefined();
    expect(retryAfterOf(null)).toBeUndefined();
  });
});
