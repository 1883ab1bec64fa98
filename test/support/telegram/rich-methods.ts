import type { Update } from "grammy/types";
import { badRequest, TelegramApiError } from "./api-error.js";
import type { EmulatorCore, MethodTable } from "./core.js";
import { markupFields, passThroughFields, replyFields } from "./message-helpers.js";
import type { DraftRecord } from "./message-methods.js";
import { optBool, optJson, type Params, reqInt } from "./params.js";
import { parseReplyMarkup } from "./reply-markup.js";
import { checkRichMessage } from "./rich-check.js";
import type { TgUser } from "./types.js";

/** What the rich side of the emulator adds to it. */
export interface RichEmulator {
  methods: MethodTable;
  /** The user presses Stop under a draft: a `stopped_message_generation` update for the bot. */
  stopGeneration(user: TgUser, draftId: number): Update;
}

/**
 * Rich messages (Bot API 10.1) and their drafts with the Stop button (10.3). With `enabled: false`
 * the emulator is an older Bot API server: both methods answer 404 "Not Found", as Telegram does for
 * a method it does not know (not a violation: a bot is expected to cope).
 */
export function createRichMethods(core: EmulatorCore, drafts: DraftRecord[], enabled: boolean): RichEmulator {
  const { chats } = core;
  const richOf = (params: Params, draft: boolean) =>
    checkRichMessage(optJson(params, "rich_message", "can't parse rich message JSON object"), draft);
  const notFound = (method: string) => () => {
    throw new TelegramApiError(404, "Not Found", {
      violation: false,
      hint: `${method}: rich methods are switched off`,
    });
  };

  const methods: MethodTable = enabled
    ? {
        sendRichMessage({ params }) {
          const chat = chats.resolve(params);
          const rich = richOf(params, false);
          const markup = parseReplyMarkup(params, "message");
          const fields = {
            ...replyFields(chats, chat, params),
            rich_message: { blocks: [{ type: "paragraph", text: rich.plain }] },
            ...passThroughFields(params),
            ...markupFields(chat, markup),
          };
          const stored = chats.add(chat, fields, { fromBot: true, kind: "rich" });
          stored.rich = { markdown: rich.markdown, plain: rich.plain, blocks: rich.blocks };
          return structuredClone(stored.message);
        },
        sendRichMessageDraft({ params }) {
          const chat = chats.resolve(params);
          if (chat.chat.type !== "private") throw badRequest("chat type not supported", "drafts are private-chat only");
          const draftId = reqInt(params, "draft_id", 'parameter "draft_id" is required');
          if (draftId === 0) throw badRequest("DRAFT_ID_INVALID", "draft_id must be non-zero");
          const rich = richOf(params, true);
          drafts.push({
            chat_id: chat.id,
            draft_id: draftId,
            text: rich.plain,
            entities: [],
            at: Date.now(),
            rich: true,
            ...(rich.markdown === undefined ? {} : { markdown: rich.markdown }),
            can_stop: optBool(params, "can_stop") ?? false,
            keep_on_stop: optBool(params, "keep_on_stop") ?? false,
          });
          return true;
        },
      }
    : { sendRichMessage: notFound("sendRichMessage"), sendRichMessageDraft: notFound("sendRichMessageDraft") };

  return {
    methods,
    stopGeneration(user, draftId) {
      const chat = chats.ensure(user);
      const shown = drafts.filter((d) => d.chat_id === chat.id && d.draft_id === draftId);
      if (!shown.some((d) => d.can_stop)) {
        throw new Error(
          `stopGeneration: chat ${chat.id} never got draft ${draftId} with can_stop, so there is no Stop button to press`,
        );
      }
      const shownIn = chat.chat;
      if (shownIn.type !== "private") throw new Error(`stopGeneration: drafts exist only in private chats`);
      return core.updates.push({ stopped_message_generation: { chat: { ...shownIn }, draft_id: draftId } });
    },
  };
}
