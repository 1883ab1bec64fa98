/** One server-sent event: `event` defaults to `message`, multi-line `data:` fields are joined with `\n`. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Parses a `text/event-stream` body (WHATWG rules). Chunks may split lines and UTF-8 characters
 * anywhere; `\n`, `\r\n` and `\r` all end a line; comment lines (`: keep-alive`) are skipped.
 */
export async function* parseSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const event = createEventBuilder();
  let pending = "";
  // A chunk that ends in `\r` may be followed by the `\n` of the same CRLF in the next chunk.
  let skipLeadingLf = false;

  for await (const chunk of body) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (skipLeadingLf && text.startsWith("\n")) text = text.slice(1);
    if (text.length > 0) skipLeadingLf = false;
    pending += text;

    let start = 0;
    for (let i = 0; i < pending.length; i++) {
      const ch = pending[i];
      if (ch !== "\n" && ch !== "\r") continue;
      const line = pending.slice(start, i);
      if (ch === "\r") {
        if (i + 1 < pending.length) {
          if (pending[i + 1] === "\n") i++;
        } else {
          skipLeadingLf = true;
        }
      }
      start = i + 1;
      const done = event.line(line);
      if (done) yield done;
    }
    pending = pending.slice(start);
  }

  pending += decoder.decode();
  if (pending.length > 0) event.line(pending);
  // The spec drops an event not closed by a blank line; servers that end with `data: [DONE]` and
  // no trailing blank line exist, so the last event is delivered anyway.
  const last = event.line("");
  if (last) yield last;
}

function createEventBuilder() {
  let name = "";
  let data: string[] = [];
  let id: string | undefined;

  return {
    /** Feeds one line; returns the finished event on a blank line. */
    line(line: string): SseEvent | undefined {
      if (line === "") {
        const finished: SseEvent | undefined =
          data.length > 0
            ? { event: name || "message", data: data.join("\n"), ...(id === undefined ? {} : { id }) }
            : undefined;
        name = "";
        data = [];
        return finished;
      }
      if (line.startsWith(":")) return undefined;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") data.push(value);
      else if (field === "event") name = value;
      else if (field === "id" && !value.includes("\0")) id = value;
      return undefined;
    },
  };
}

/**
 * Whether an answer to a streaming request is an event stream or one JSON document: by its
 * content type, or, when a server sends none, by its first byte. The chunks come back whole.
 */
export async function sniffStream(
  contentType: string,
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ kind: "sse" | "json"; chunks: AsyncIterable<Uint8Array> }> {
  if (contentType.includes("event-stream")) return { kind: "sse", chunks };
  if (contentType.includes("json")) return { kind: "json", chunks };
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? "" : Buffer.from(first.value).toString("utf8").trimStart();
  const replay: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
  return { kind: head.startsWith("{") || head.startsWith("[") ? "json" : "sse", chunks: replay };
}
