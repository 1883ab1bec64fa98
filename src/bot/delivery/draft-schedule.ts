import type { Logger } from "../../logger.js";
import type { ChatPace } from "./chat-pace.js";
import type { DraftContent } from "./rich-answers.js";

/** Time between two drafts of one answer. */
export const DRAFT_MS = 1_200;
/**
 * The first draft waits this long: an answer ready by then goes out as its message alone (a
 * profile of a 1-token answer showed two of its four Bot API calls were drafts no one saw).
 * Slower answers show their words so far, or a placeholder with the Stop button, at this mark.
 */
export const FIRST_DRAFT_MS = 500;

interface DraftState {
  at: number;
  off: boolean;
  sent: boolean;
  text: string;
  /** The draft on its way, so the answer is never sent before it. */
  inFlight: Promise<unknown>;
}

/** The drafts of streamed text answers, per job: paced, the first one held back, none after the answer. */
export function createDraftSchedule(deps: {
  pace: ChatPace;
  logger: Logger;
  send: (chatId: number, jobId: number, content: DraftContent) => Promise<unknown>;
}) {
  const { pace, logger } = deps;
  const drafts = new Map<number, DraftState>();

  function send(chatId: number, jobId: number, state: DraftState, content: DraftContent, ignoreGap: boolean) {
    state.at = Date.now();
    state.sent = true;
    // A 429 backs the chat's pace off (the next frame simply waits); other errors stop drafts for this job.
    state.inFlight = pace
      .optional(chatId, () => deps.send(chatId, jobId, content), { ignoreGap })
      .catch((error) => {
        state.off = true;
        logger.debug({ err: error }, "drafts disabled for this job");
      });
    return state.inFlight;
  }

  return {
    /** A streamed answer started: at FIRST_DRAFT_MS it shows its text so far, or `placeholder`. */
    start(chatId: number, jobId: number, placeholder: DraftContent) {
      const at = Date.now() + FIRST_DRAFT_MS - DRAFT_MS;
      const state: DraftState = { at, off: false, sent: false, text: "", inFlight: Promise.resolve() };
      drafts.set(jobId, state);
      setTimeout(() => {
        if (drafts.get(jobId) !== state || state.sent || state.off) return;
        // Not counted in the chat's gap: the first words must not wait behind the placeholder.
        void send(chatId, jobId, state, state.text ? { markdown: state.text } : placeholder, true);
      }, FIRST_DRAFT_MS).unref();
    },

    /** The answer so far: a draft if the last one is DRAFT_MS old (and the first mark has passed). */
    async text(chatId: number, jobId: number, textSoFar: string) {
      let state = drafts.get(jobId);
      if (!state) {
        state = { at: 0, off: false, sent: false, text: "", inFlight: Promise.resolve() };
        drafts.set(jobId, state);
      }
      state.text = textSoFar;
      if (state.off || Date.now() - state.at < DRAFT_MS || textSoFar.trim() === "") return;
      await send(chatId, jobId, state, { markdown: textSoFar }, false);
    },

    /** The answer goes out now: no draft after it, and none still on its way. */
    async close(jobId: number) {
      const state = drafts.get(jobId);
      drafts.delete(jobId);
      await state?.inFlight;
    },
  };
}
