import { randomBytes } from "node:crypto";
import type { CallbackQuery, Message } from "grammy/types";
import { badRequest } from "./api-error.js";
import { userObject } from "./chat-store.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { optBool, optString } from "./params.js";
import type { TgUser } from "./types.js";

export interface CallbackAnswer {
  callback_query_id: string;
  data: string | undefined;
  text?: string;
  show_alert: boolean;
  url?: string;
  at: number;
}

/** Callback queries from button presses, and the bot's answers to them. */
export interface CallbackQueries {
  methods: MethodTable;
  /** A press on a message's button; with `inlineMessageId` (and no message) on an inline message's. */
  create(user: TgUser, message: Message | undefined, data: string, inlineMessageId?: string): CallbackQuery;
  answers: CallbackAnswer[];
  unanswered(): string[];
}

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

export function createCallbackQueries(core: EmulatorCore): CallbackQueries {
  const pending = new Map<string, { query: CallbackQuery; created: number; timer: NodeJS.Timeout }>();
  const expired = new Map<string, number>();
  const answered = new Set<string>();
  const answers: CallbackAnswer[] = [];

  return {
    answers,
    methods: {
      answerCallbackQuery({ params }) {
        const id = optString(params, "callback_query_id") ?? "";
        const text = optString(params, "text");
        if (text !== undefined && text.length > 200) {
          throw badRequest("MESSAGE_TOO_LONG", `answerCallbackQuery text is ${text.length} characters, limit 200`);
        }
        const entry = pending.get(id);
        if (entry === undefined) {
          const late = expired.get(id);
          const hint =
            late !== undefined
              ? `answered after the ${core.callbackQueryDeadlineMs} ms deadline`
              : answered.has(id)
                ? "callback query answered twice"
                : `unknown callback_query_id ${JSON.stringify(id)}`;
          throw badRequest(QUERY_INVALID, hint);
        }
        pending.delete(id);
        answered.add(id);
        core.cancel(entry.timer);
        const url = optString(params, "url");
        answers.push({
          callback_query_id: id,
          data: entry.query.data,
          ...(text === undefined ? {} : { text }),
          show_alert: optBool(params, "show_alert") ?? false,
          ...(url === undefined ? {} : { url }),
          at: Date.now(),
        });
        return true;
      },
    },
    create(user, message, data, inlineMessageId) {
      const id = `${BigInt(`0x${randomBytes(8).toString("hex")}`)}`;
      const query: CallbackQuery = {
        id,
        from: userObject(user),
        ...(message === undefined ? {} : { message }),
        ...(inlineMessageId === undefined ? {} : { inline_message_id: inlineMessageId }),
        chat_instance: `${user.id * 7 + 1}`,
        data,
      };
      const timer = core.later(core.callbackQueryDeadlineMs, () => {
        pending.delete(id);
        expired.set(id, Date.now());
        core.violate(
          `callback_query ${id} (data ${JSON.stringify(data)}) was not answered within ${core.callbackQueryDeadlineMs} ms: the user's button keeps spinning`,
        );
      });
      pending.set(id, { query, created: Date.now(), timer });
      core.updates.push({ callback_query: query });
      return query;
    },
    unanswered: () =>
      [...pending.values()].map(
        ({ query, created }) =>
          `callback_query ${query.id} (data ${JSON.stringify(query.data)}) unanswered for ${Date.now() - created} ms`,
      ),
  };
}
