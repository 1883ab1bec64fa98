import type { ServerResponse } from "node:http";
import type { waitForJob } from "../job-waiter.js";

/** OpenAI's streaming format: `chat.completion.chunk` events with text deltas, then `[DONE]`. */
export function createChatStream(raw: ServerResponse, meta: { id: string; created: number; model: string }) {
  // A client that hangs up mid-answer must not crash the process: its job still ends and settles.
  raw.on("error", () => {});
  const open = () => !raw.destroyed && !raw.writableEnded;
  const event = (data: unknown) => open() && raw.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: Record<string, string>, finish: "stop" | null = null) =>
    event({
      id: meta.id,
      object: "chat.completion.chunk",
      created: meta.created,
      model: meta.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });

  return {
    async run(waiter: ReturnType<typeof waitForJob>) {
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      chunk({ role: "assistant", content: "" });
      let sent = "";
      // Deltas of the text so far; a text that does not extend what was sent is left to the final one.
      const send = (text: string) => {
        if (text.length <= sent.length || !text.startsWith(sent)) return;
        chunk({ content: text.slice(sent.length) });
        sent = text;
      };
      waiter.streamText(send);
      const outcome = await waiter.outcome;
      if (outcome.ok) {
        send(outcome.text);
        chunk({}, "stop");
      } else {
        event({ error: { code: "generation_failed", message: outcome.message, reason: outcome.code } });
      }
      if (open()) raw.end("data: [DONE]\n\n");
    },
  };
}
