import { z } from "zod";
import type { ParamValue, ProviderRoute } from "../catalog/types.js";
import { ProviderError } from "./errors.js";
import {
  audioUploadName,
  createMediaHttpClient,
  failedJob,
  type MediaAdapterConfig,
  parseAnswer,
  pathUnderBase,
  startJob,
  toFetchResponse,
  unsupportedOperation,
} from "./media-support.js";
import { appendFields, createMultipart, type Multipart } from "./multipart.js";
import { fieldFor, mapRouteParams, takeField } from "./route-params.js";
import type { InputFile, MediaProvider, MediaRequest, PollResult, SubmitResult } from "./types.js";

/** Premade voices every account has: the default speaker and the second one of a dialogue. */
export const ELEVENLABS_DEFAULT_VOICES = ["JBFqnCBsd6RMkjVDRZzb", "21m00Tcm4TlvDq8ikWAM"] as const;
const DEFAULT_FORMAT = "mp3_44100_128";

const transcriptionAnswer = z.object({ text: z.string() });
const dubbingCreated = z.object({ dubbing_id: z.string(), expected_duration_sec: z.number().nullish() });
const dubbingState = z.object({ status: z.string(), error: z.string().nullish() });

type Fields = Record<string, ParamValue>;

/**
 * ElevenLabs. Synchronous, answering audio bytes: `speech` (/v1/text-to-speech/{voice_id}), `sound`,
 * `music`, `voice-change` (/v1/speech-to-speech/{voice_id}), `isolation`, `dialogue`; `transcription`
 * answers text. `dubbing` is a job (POST /v1/dubbing, polled at GET /v1/dubbing/{id}) whose result is
 * fetched by `download`. `route.upstream` is sent as `model_id` (not for isolation and dubbing).
 * Fields `voice_id` and `output_format` go into the URL; a dialogue takes `voices` (comma-separated ids).
 */
export function createElevenLabsProvider(config: MediaAdapterConfig): MediaProvider {
  const http = createMediaHttpClient("elevenlabs", config, { "xi-api-key": config.apiKey });

  async function audio(path: string, format: string, body: { json?: unknown; form?: Multipart }, signal?: AbortSignal) {
    const { data } = await http.bytes({
      method: "POST",
      path: `${path}?output_format=${encodeURIComponent(format)}`,
      ...body,
      signal,
    });
    const { mime, ext } = formatInfo(format);
    return {
      status: "done",
      outputs: [{ type: "bytes", data, mime, filename: `audio.${ext}` }],
    } satisfies SubmitResult;
  }

  function textBody(route: ProviderRoute, fields: Fields, prompt: string | undefined, promptName: string) {
    const body: Record<string, unknown> = { model_id: route.upstream, ...fields };
    const field = fieldFor(route, "prompt", promptName);
    if (field) body[field] = prompt ?? "";
    return body;
  }

  function audioForm(
    route: ProviderRoute,
    file: InputFile | undefined,
    fileName: string,
    fields: Fields,
    model: boolean,
  ) {
    if (!file) throw new ProviderError("elevenlabs", "bad_request", `${route.operation} needs an audio file`);
    const form = createMultipart();
    form.append(fieldFor(route, "file", fileName) ?? fileName, file, audioUploadName(file));
    if (model) form.append("model_id", route.upstream);
    appendFields(form, fields);
    return form;
  }

  async function submit({ route, prompt, params, file, signal }: MediaRequest): Promise<SubmitResult> {
    const { fields } = mapRouteParams(route, params);
    const voice = () => encodeURIComponent(takeField(fields, "voice_id") ?? ELEVENLABS_DEFAULT_VOICES[0]);
    const format = takeField(fields, "output_format") ?? DEFAULT_FORMAT;
    switch (route.operation) {
      case "speech": {
        const path = `/v1/text-to-speech/${voice()}`;
        return audio(path, format, { json: textBody(route, fields, prompt, "text") }, signal);
      }
      case "sound":
        return audio("/v1/sound-generation", format, { json: textBody(route, fields, prompt, "text") }, signal);
      case "music":
        return audio("/v1/music", format, { json: textBody(route, fields, prompt, "prompt") }, signal);
      case "dialogue": {
        // `voices` (comma-separated ids), or the catalog's two voice parameters `voice` and `voice2`;
        // none of them is a body field of the API.
        const pair = [takeField(fields, "voice"), takeField(fields, "voice2")];
        const listed = takeField(fields, "voices")?.split(",") ?? pair;
        const voices = listed.map((v) => v?.trim() ?? "").filter(Boolean);
        const inputs = dialogueInputs(prompt ?? "", voices.length > 0 ? voices : [...ELEVENLABS_DEFAULT_VOICES]);
        return audio("/v1/text-to-dialogue", format, { json: { model_id: route.upstream, ...fields, inputs } }, signal);
      }
      case "voice-change": {
        const path = `/v1/speech-to-speech/${voice()}`;
        return audio(path, format, { form: audioForm(route, file, "audio", fields, true) }, signal);
      }
      case "isolation": {
        const form = audioForm(route, file, "audio", fields, false);
        const { data, mime } = await http.bytes({ method: "POST", path: "/v1/audio-isolation", form, signal });
        return {
          status: "done",
          outputs: [{ type: "bytes", data, mime: mime.split(";")[0] ?? mime, filename: "isolated.mp3" }],
        };
      }
      case "transcription": {
        const form = audioForm(route, file, "file", fields, true);
        const answer = await http.json({ method: "POST", path: "/v1/speech-to-text", form, signal });
        return {
          status: "done",
          outputs: [
            { type: "text", text: parseAnswer("elevenlabs", transcriptionAnswer, answer, "speech-to-text").text },
          ],
        };
      }
      case "dubbing": {
        const lang = takeField(fields, "target_lang") ?? "en";
        const form = audioForm(route, file, "file", { ...fields, target_lang: lang }, false);
        const answer = await startJob(http, config, { method: "POST", path: "/v1/dubbing", form, signal });
        const { dubbing_id } = parseAnswer("elevenlabs", dubbingCreated, answer, "dubbing");
        // The target language travels in the job id: the result is fetched per language.
        return { status: "pending", jobId: `${dubbing_id}:${lang}` };
      }
      default:
        throw unsupportedOperation("elevenlabs", route.operation);
    }
  }

  return {
    submit,

    async poll(route: ProviderRoute, jobId: string, signal?: AbortSignal): Promise<PollResult> {
      if (route.operation !== "dubbing") throw unsupportedOperation("elevenlabs", `${route.operation} polling`);
      const colon = jobId.lastIndexOf(":");
      const id = encodeURIComponent(colon < 0 ? jobId : jobId.slice(0, colon));
      const lang = encodeURIComponent(colon < 0 ? "en" : jobId.slice(colon + 1));
      const answer = await http.json({ method: "GET", path: `/v1/dubbing/${id}`, signal });
      const state = parseAnswer("elevenlabs", dubbingState, answer, "dubbing");
      if (state.status === "failed") return failedJob(state.error ?? undefined);
      if (state.status !== "dubbed") return { status: "pending" };
      const url = `${config.baseUrl.replace(/\/+$/, "")}/v1/dubbing/${id}/audio/${lang}`;
      return { status: "done", outputs: [{ type: "url", url }] };
    },

    async download(_route, output) {
      const path = pathUnderBase(config.baseUrl, output.url);
      if (path === undefined) return null;
      return toFetchResponse(await http.send({ method: "GET", path }));
    },
  };
}

/** `mp3_44100_128` → audio/mpeg, `opus_48000_64` → Ogg Opus, `pcm_16000` → raw PCM, … */
function formatInfo(format: string): { mime: string; ext: string } {
  const codec = format.split("_")[0] ?? "mp3";
  const known: Record<string, { mime: string; ext: string }> = {
    mp3: { mime: "audio/mpeg", ext: "mp3" },
    opus: { mime: "audio/ogg", ext: "ogg" },
    wav: { mime: "audio/wav", ext: "wav" },
    pcm: { mime: "audio/pcm", ext: "pcm" },
    ulaw: { mime: "audio/basic", ext: "ulaw" },
    alaw: { mime: "audio/x-alaw-basic", ext: "alaw" },
  };
  return known[codec] ?? { mime: "application/octet-stream", ext: codec };
}

/**
 * Turns a script into dialogue turns. Lines like `Anna: hello` give each named speaker a voice in order
 * of appearance; unnamed lines alternate between the voices.
 */
export function dialogueInputs(script: string, voices: string[]): { text: string; voice_id: string }[] {
  const speakers = new Map<string, number>();
  let next = 0;
  const inputs: { text: string; voice_id: string }[] = [];
  for (const line of script
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const named = /^([\p{L}\p{N}][\p{L}\p{N} ._-]{0,30}):\s*(\S.*)$/u.exec(line);
    let speaker = next;
    let text = line;
    if (named?.[1] && named[2]) {
      const name = named[1].trim().toLowerCase();
      speaker = speakers.get(name) ?? speakers.size;
      speakers.set(name, speaker);
      text = named[2];
    }
    inputs.push({ text, voice_id: voices[speaker % voices.length] ?? ELEVENLABS_DEFAULT_VOICES[0] });
    next = speaker + 1;
  }
  return inputs;
}
