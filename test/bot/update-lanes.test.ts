import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { createLanes, updateLanes } from "../../src/bot/middlewares/update-lanes.js";

const message = (id: number): Update =>
  ({ update_id: id, message: { message_id: id, date: 0, chat: { id, type: "private" }, text: "hi" } }) as Update;
const preCheckout = (id: number): Update =>
  ({
    update_id: id,
    pre_checkout_query: { id: String(id), currency: "XTR", total_amount: 1, invoice_payload: "p", from: { id } },
  }) as unknown as Update;
const successfulPayment = (id: number): Update =>
  ({
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat: { id, type: "private" },
      successful_payment: { currency: "XTR", total_amount: 1, invoice_payload: "p" },
    },
  }) as unknown as Update;

/** Runs updates through the lanes; each handler stays busy until `finish(update_id)`. */
function harness(slots: number, holdMs?: number) {
  const lanes = updateLanes(createLanes(slots, holdMs));
  const started: number[] = [];
  const finishers = new Map<number, () => void>();
  const run = (update: Update) =>
    lanes({ update } as BotContext, async () => {
      started.push(update.update_id);
      await new Promise<void>((resolve) => finishers.set(update.update_id, resolve));
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { run, started, settle, finish: (id: number) => finishers.get(id)?.() };
}

describe("update lanes", () => {
  afterEach(() => vi.useRealTimers());

  it("lets a pre-checkout query and a successful payment past chat updates waiting for a lane", async () => {
    const { run, started, settle, finish } = harness(1);
    void run(message(1));
    void run(message(2));
    void run(preCheckout(3));
    void run(successfulPayment(4));
    await settle();
    expect(started).toEqual([1, 3, 4]);
    finish(1);
    await settle();
    expect(started).toEqual([1, 3, 4, 2]);
  });

  it("hands lanes on first come, first served", async () => {
    const { run, started, settle, finish } = harness(2);
    for (const id of [1, 2, 3, 4, 5]) void run(message(id));
    await settle();
    expect(started).toEqual([1, 2]);
    finish(2);
    await settle();
    expect(started).toEqual([1, 2, 3]);
    finish(1);
    finish(3);
    await settle();
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it("takes the lane back from an update still running after holdMs, which goes on running", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { run, started, settle } = harness(1, 2_000);
    void run(message(1));
    void run(message(2));
    await settle();
    expect(started).toEqual([1]);
    vi.advanceTimersByTime(1_999);
    await settle();
    expect(started).toEqual([1]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(started).toEqual([1, 2]);
  });
});
