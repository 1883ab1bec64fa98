import { describe, expect, it } from "vitest";
import { parseSse, type SseEvent, sniffStream } from "../../src/providers/sse.js";

async function collect(chunks: (Uint8Array | string)[]): Promise<SseEvent[]> {
  async function* source() {
    yield* chunks;
  }
  const events: SseEvent[] = [];
  for await (const event of parseSse(source())) events.push(event);
  return events;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** Every way of cutting `data` in two. */
function splits(data: Uint8Array): Uint8Array[][] {
  return Array.from({ length: data.length + 1 }, (_, i) => [data.subarray(0, i), data.subarray(i)]);
}

describe("parseSse", () => {
  it("splits events on blank lines and reads event and data fields", async () => {
    const events = await collect(['event: message_start\ndata: {"a":1}\n\nevent: ping\ndata: {}\n\ndata: plain\n\n']);
    expect(events).toEqual([
      { event: "message_start", data: '{"a":1}' },
      { event: "ping", data: "{}" },
      { event: "message", data: "plain" },
    ]);
  });

  it("skips comment lines such as DeepSeek's keep-alive", async () => {
    const events = await collect([": keep-alive\n\n: keep-alive\n\ndata: 1\n: in the middle\ndata: 2\n\n"]);
    expect(events).toEqual([{ event: "message", data: "1\n2" }]);
  });

  it("does not dispatch events without data, and strips only one leading space", async () => {
    const events = await collect(["event: lonely\n\ndata:no-space\n\ndata:  two\n\nretry: 100\n\n"]);
    expect(events).toEqual([
      { event: "message", data: "no-space" },
      { event: "message", data: " two" },
    ]);
  });

  it("handles CRLF and bare CR line endings", async () => {
    const expected = [
      { event: "a", data: "1" },
      { event: "message", data: "2" },
    ];
    expect(await collect(["event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n"])).toEqual(expected);
    expect(await collect(["event: a\rdata: 1\r\rdata: 2\r\r"])).toEqual(expected);
  });

  it("gives the same events however the bytes are chunked", async () => {
    const text = 'event: delta\r\ndata: {"text":"Привет 🌍"}\r\n\r\n: ping\n\ndata: [DONE]\n\n';
    const whole = await collect([bytes(text)]);
    expect(whole).toEqual([
      { event: "delta", data: '{"text":"Привет 🌍"}' },
      { event: "message", data: "[DONE]" },
    ]);
    for (const parts of splits(bytes(text))) expect(await collect(parts)).toEqual(whole);
    const oneByOne = Array.from(bytes(text), (b) => Uint8Array.of(b));
    expect(await collect(oneByOne)).toEqual(whole);
  });

  it("keeps CRLF as one line ending when the chunk boundary falls between CR and LF", async () => {
    expect(await collect(["data: 1\r", "\n\r", "\ndata: 2\r\n\r\n"])).toEqual([
      { event: "message", data: "1" },
      { event: "message", data: "2" },
    ]);
  });

  it("delivers a last event that is not followed by a blank line", async () => {
    expect(await collect(["data: 1\n\ndata: [DONE]"])).toEqual([
      { event: "message", data: "1" },
      { event: "message", data: "[DONE]" },
    ]);
  });

  it("strips a byte-order mark and keeps the last event id", async () => {
    const events = await collect([Uint8Array.of(0xef, 0xbb, 0xbf), bytes("id: 7\ndata: x\n\ndata: y\n\n")]);
    expect(events).toEqual([
      { event: "message", data: "x", id: "7" },
      { event: "message", data: "y", id: "7" },
    ]);
  });
});

describe("sniffStream", () => {
  async function* from(...parts: string[]) {
    for (const part of parts) yield new TextEncoder().encode(part);
  }
  async function text(chunks: AsyncIterable<Uint8Array>) {
    let out = "";
    for await (const c of chunks) out += Buffer.from(c).toString("utf8");
    return out;
  }

  it.each([
    ["text/event-stream; charset=utf-8", ['{"looks":"json"}'], "sse"],
    ["application/json", ["data: x\n\n"], "json"],
    ["", ['  {"id":1', "}"], "json"],
    ["", ["data: {}\n\n", "data: [DONE]\n\n"], "sse"],
    ["text/plain", [": keep-alive\n\n"], "sse"],
  ] as const)("takes %j starting %j as %s, losing no bytes", async (contentType, parts, kind) => {
    const sniffed = await sniffStream(contentType, from(...parts));
    expect(sniffed.kind).toBe(kind);
    expect(await text(sniffed.chunks)).toBe(parts.join(""));
  });
});
