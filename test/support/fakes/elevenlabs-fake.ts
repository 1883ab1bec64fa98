import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { match, type RecordedRequest, sendJson, startFakeServer } from "./fake-server.js";
import { controlOf, createListing, type ListingControl } from "./listing.js";
import {
  createMediaScript,
  type FakeJob,
  filePart,
  isModerationReason,
  jsonBody,
  MP3_SAMPLE,
  MP4_SAMPLE,
  parseMultipart,
  type RunningMediaFake,
  route,
  sendFile,
  withControls,
} from "./media-fake-kit.js";
import { ELEVENLABS_MODELS } from "./served-models.js";

export interface ElevenLabsFakeExtra {
  /** What speech-to-text answers next (and after). */
  transcript(text: string): void;
  dubbings: Map<string, FakeJob>;
  /** `GET /v1/models` and the `model_id`s every endpoint accepts (see listing.ts). */
  listing: ListingControl;
}

export type ElevenLabsFake = RunningMediaFake<ElevenLabsFakeExtra>;

const VOICE_ID = /^[A-Za-z0-9]{20}$/;
const OUTPUT_FORMAT = /^(mp3|pcm|ulaw|alaw|opus|wav)_\d+(_\d+)?$/;

/** ElevenLabs at its root (paths carry `/v1`): speech, sound, music, dialogue, STT, voice tools, dubbing. */
export async function startElevenLabsFake(
  options: { apiKey?: string; models?: readonly string[] } = {},
): Promise<ElevenLabsFake> {
  const apiKey = options.apiKey ?? "xi-test";
  const listing = createListing(options.models ?? ELEVENLABS_MODELS);
  /** False (after answering) when a request names a `model_id` the fake does not serve. */
  const modelOk = (res: ServerResponse, model: unknown) => {
    if (model === undefined || model === null || listing.has(String(model))) return true;
    problem(res, 400, "model_not_found", `A model with model ID ${String(model)} does not exist.`);
    return false;
  };
  const script = createMediaScript();
  const dubbings = new Map<string, FakeJob>();
  let transcript = "Hello from the fake transcription.";

  const problem = (res: ServerResponse, status: number, code: string, message: string) =>
    sendJson(res, status, { detail: { status: code, message } });
  const missing = (res: ServerResponse, field: string) =>
    sendJson(res, 422, { detail: [{ type: "missing", loc: ["body", field], msg: "Field required", input: null }] });

  /** Answers audio, or the scripted refusal of a synchronous generation. */
  function audio(req: RecordedRequest, res: ServerResponse) {
    const format = req.query.get("output_format") ?? "mp3_44100_128";
    if (!OUTPUT_FORMAT.test(format))
      return problem(res, 422, "invalid_output_format", `Invalid output format: ${format}`);
    const refused = script.takeJobFailure();
    if (refused !== undefined)
      return problem(res, 400, isModerationReason(refused) ? "content_moderation" : "bad_prompt", refused);
    const size = script.takeOutputSize();
    const mime = format.startsWith("mp3") ? "audio/mpeg" : `audio/${format.split("_")[0]}`;
    sendFile(res, { sample: MP3_SAMPLE, mime, ...(size ? { size } : {}) });
  }

  const voiceOk = (res: ServerResponse, voice: string) => {
    if (VOICE_ID.test(voice)) return true;
    problem(res, 404, "voice_not_found", `A voice with the voice_id ${voice} was not found.`);
    return false;
  };

  async function form(req: RecordedRequest, res: ServerResponse, fileField: string) {
    const parsed = await parseMultipart(req);
    const file = parsed && filePart(parsed, fileField);
    if (!parsed || !file || file.size === 0) {
      missing(res, fileField);
      return undefined;
    }
    return { form: parsed, file };
  }

  function dubbingView(job: FakeJob) {
    return {
      dubbing_id: job.id,
      name: job.data.name,
      status: { pending: "dubbing", done: "dubbed", failed: "failed", canceled: "failed" }[job.state],
      target_languages: [job.data.lang],
      created_at: job.data.created_at,
      error: job.state === "failed" ? job.failReason : null,
    };
  }

  const server = await startFakeServer([
    route(async (req, res) => {
      if (!req.path.startsWith("/v1/")) return false;
      // The listing answers before scripted failures, so a health check never takes a test's scripted reply.
      if (match(req, "GET", "/v1/models") && req.headers["xi-api-key"] === apiKey) {
        const failure = listing.failure();
        if (failure !== undefined)
          return problem(res, failure, "listing_failed", "The fake's listing was told to fail.");
        return sendJson(res, 200, listing.ids().map(modelEntry));
      }
      if (script.answerScriptedFailure(res)) return;
      if (req.headers["xi-api-key"] !== apiKey) return problem(res, 401, "invalid_api_key", "Invalid API key");

      const tts = match(req, "POST", "/v1/text-to-speech/:voice");
      if (tts) {
        const body = jsonBody(req);
        if (!body?.text) return missing(res, "text");
        if (!modelOk(res, body.model_id)) return;
        return voiceOk(res, tts.voice ?? "") && audio(req, res);
      }
      if (match(req, "POST", "/v1/sound-generation")) {
        const body = jsonBody(req);
        if (!body?.text) return missing(res, "text");
        if (!modelOk(res, body.model_id)) return;
        const seconds = body.duration_seconds;
        if (seconds != null && (Number(seconds) < 0.5 || Number(seconds) > 30))
          return problem(res, 422, "invalid_duration", "duration_seconds must be between 0.5 and 30");
        return audio(req, res);
      }
      if (match(req, "POST", "/v1/music")) {
        const body = jsonBody(req);
        if (!body?.prompt && !body?.composition_plan) return missing(res, "prompt");
        if (!modelOk(res, body.model_id)) return;
        return audio(req, res);
      }
      if (match(req, "POST", "/v1/text-to-dialogue")) {
        const inputs = jsonBody(req)?.inputs;
        if (!Array.isArray(inputs) || inputs.length === 0) return missing(res, "inputs");
        for (const input of inputs as { text?: string; voice_id?: string }[]) {
          if (!input.text) return missing(res, "inputs.text");
          if (!voiceOk(res, input.voice_id ?? "")) return;
        }
        return audio(req, res);
      }
      const sts = match(req, "POST", "/v1/speech-to-speech/:voice");
      if (sts) {
        if (!voiceOk(res, sts.voice ?? "")) return;
        const parsed = await form(req, res, "audio");
        return parsed && modelOk(res, parsed.form.get("model_id") ?? undefined) && audio(req, res);
      }
      if (match(req, "POST", "/v1/audio-isolation")) {
        return (await form(req, res, "audio")) && audio(req, res);
      }
      if (match(req, "POST", "/v1/speech-to-text")) {
        const parsed = await form(req, res, "file");
        if (!parsed) return;
        const model = parsed.form.get("model_id");
        if (typeof model !== "string" || !model) return missing(res, "model_id");
        if (!modelOk(res, model)) return;
        const words = transcript
          .split(" ")
          .map((text, i) => ({ text, start: i * 0.4, end: i * 0.4 + 0.3, type: "word" }));
        return sendJson(res, 200, { language_code: "en", language_probability: 0.98, text: transcript, words });
      }
      if (match(req, "POST", "/v1/dubbing")) {
        const parsed = await form(req, res, "file");
        if (!parsed) return;
        const lang = parsed.form.get("target_lang");
        if (typeof lang !== "string" || !lang) return missing(res, "target_lang");
        const job = script.newJob(randomBytes(10).toString("hex"));
        job.data = {
          lang,
          name: parsed.file.name,
          video: parsed.file.type.startsWith("video/"),
          created_at: new Date().toISOString(),
        };
        dubbings.set(job.id, job);
        return sendJson(res, 200, { dubbing_id: job.id, expected_duration_sec: 12.5 });
      }
      const audioOf = match(req, "GET", "/v1/dubbing/:id/audio/:lang");
      if (audioOf) {
        const job = dubbings.get(audioOf.id ?? "");
        if (!job || audioOf.lang !== job.data.lang)
          return problem(res, 404, "dubbing_not_found", "Dubbing or language not found");
        if (job.state !== "done") return problem(res, 425, "dubbing_not_ready", "Dubbing is not finished yet");
        const size = job.outputSize ? { size: job.outputSize } : {};
        return sendFile(
          res,
          job.data.video
            ? { sample: MP4_SAMPLE, mime: "video/mp4", ...size }
            : { sample: MP3_SAMPLE, mime: "audio/mpeg", ...size },
        );
      }
      const dubbing = match(req, "GET", "/v1/dubbing/:id");
      if (dubbing) {
        const job = dubbings.get(dubbing.id ?? "");
        if (!job) return problem(res, 404, "dubbing_not_found", `Dubbing ${dubbing.id} not found`);
        return sendJson(res, 200, dubbingView(script.advance(job)));
      }
      return problem(res, 404, "not_found", `No route for ${req.method} ${req.path}`);
    }),
  ]);

  return withControls(server, script, "", {
    dubbings,
    listing: controlOf(listing),
    transcript: (text: string) => {
      transcript = text;
    },
  });
}

/** One entry of `GET /v1/models`, with the capability flags clients read. */
function modelEntry(id: string) {
  const speech = id.startsWith("eleven_") && !id.includes("sts") && !id.includes("sound");
  return {
    model_id: id,
    name: id.replace(/_/g, " "),
    can_be_finetuned: false,
    can_do_text_to_speech: speech,
    can_do_voice_conversion: id.includes("sts"),
    can_use_style: speech,
    can_use_speaker_boost: speech,
    serves_pro_voices: false,
    token_cost_factor: 1,
    description: `${id} (fake)`,
    requires_alpha_access: false,
    max_characters_request_free_user: 2500,
    max_characters_request_subscribed_user: 10000,
    maximum_text_length_per_request: 40000,
    languages: [{ language_id: "en", name: "English" }],
  };
}
