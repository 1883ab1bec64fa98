/**
 * The input schemas of the Replicate models the catalog runs, as each model's API page publishes them
 * (replicate.com/{owner}/{name}/versions/{hash}/api, read 2026-12-02; community models at the version
 * the catalog pins). Only what a request can get wrong is kept: each field's JSON type, its enum, its
 * range, and which fields are required. Replicate checks an input against these before it runs anything.
 */

/** One input field; `string[]` is an array of strings (file URLs). */
export type InputField =
  | { type: "string"; enum?: readonly string[] }
  | { type: "integer" | "number"; enum?: readonly number[]; minimum?: number; maximum?: number }
  | { type: "boolean" }
  | { type: "string[]" };

export interface InputSchema {
  required: readonly string[];
  properties: Readonly<Record<string, InputField>>;
}

const text = { type: "string" } as const;
const file = { type: "string" } as const;
const files = { type: "string[]" } as const;
const flag = { type: "boolean" } as const;
const seed = { type: "integer" } as const;
const oneOf = (...values: string[]) => ({ type: "string", enum: values }) as const;
const intOf = (...values: number[]) => ({ type: "integer", enum: values }) as const;
const int = (minimum?: number, maximum?: number) => ({ type: "integer", minimum, maximum }) as const;
const num = (minimum?: number, maximum?: number) => ({ type: "number", minimum, maximum }) as const;
const webpJpgPng = oneOf("webp", "jpg", "png");
const kontextRatios = oneOf(..."match_input_image 1:1 16:9 9:16 4:3 3:4 3:2 2:3 4:5 5:4 21:9 9:21 2:1 1:2".split(" "));

/** By `owner/name`: what its predictions accept. */
export const REPLICATE_INPUT_SCHEMAS: Readonly<Record<string, InputSchema>> = {
  "meta/musicgen": {
    required: [],
    properties: {
      prompt: text,
      input_audio: file,
      model_version: oneOf("stereo-melody-large", "stereo-large", "melody-large", "large"),
      duration: int(),
      continuation: flag,
      continuation_start: int(0),
      continuation_end: int(0),
      multi_band_diffusion: flag,
      normalization_strategy: oneOf("loudness", "clip", "peak", "rms"),
      top_k: int(),
      top_p: num(),
      temperature: num(),
      classifier_free_guidance: int(),
      output_format: oneOf("wav", "mp3"),
      seed,
    },
  },
  "minimax/speech-02-turbo": {
    required: ["text"],
    properties: {
      text,
      voice_id: text,
      speed: num(0.5, 2),
      volume: num(0, 10),
      pitch: int(-12, 12),
      emotion: oneOf(..."auto happy sad angry fearful disgusted surprised calm fluent neutral".split(" ")),
      english_normalization: flag,
      sample_rate: intOf(8000, 16000, 22050, 24000, 32000, 44100),
      bitrate: intOf(32000, 64000, 128000, 256000),
      channel: oneOf("mono", "stereo"),
      audio_format: oneOf("mp3", "wav", "flac", "pcm"),
      subtitle_enable: flag,
      language_boost: text,
    },
  },
  "black-forest-labs/flux-1.1-pro": {
    required: ["prompt"],
    properties: {
      prompt: text,
      image_prompt: file,
      aspect_ratio: oneOf(..."custom 1:1 16:9 3:2 2:3 4:5 5:4 9:16 3:4 4:3".split(" ")),
      width: int(256, 1440),
      height: int(256, 1440),
      safety_tolerance: int(1, 6),
      seed,
      prompt_upsampling: flag,
      output_format: webpJpgPng,
      output_quality: int(0, 100),
    },
  },
  "black-forest-labs/flux-kontext-pro": {
    required: ["prompt"],
    properties: {
      prompt: text,
      input_image: file,
      aspect_ratio: kontextRatios,
      output_format: oneOf("jpg", "png"),
      safety_tolerance: int(0, 6),
      prompt_upsampling: flag,
      seed,
    },
  },
  "black-forest-labs/flux-kontext-dev": {
    required: ["prompt", "input_image"],
    properties: {
      prompt: text,
      input_image: file,
      aspect_ratio: kontextRatios,
      num_inference_steps: int(4, 50),
      guidance: num(0, 10),
      seed,
      output_format: webpJpgPng,
      output_quality: int(0, 100),
      disable_safety_checker: flag,
      go_fast: flag,
    },
  },
  "stability-ai/stable-diffusion-3.5-large": {
    required: ["prompt"],
    properties: {
      prompt: text,
      negative_prompt: text,
      aspect_ratio: oneOf(..."1:1 16:9 21:9 3:2 2:3 4:5 5:4 3:4 4:3 9:16 9:21".split(" ")),
      cfg: num(1, 10),
      image: file,
      prompt_strength: num(0, 1),
      seed,
      output_format: webpJpgPng,
    },
  },
  "recraft-ai/recraft-v3": {
    required: ["prompt"],
    properties: {
      prompt: text,
      size: oneOf(
        ..."1024x1024 1365x1024 1024x1365 1536x1024 1024x1536 1820x1024 1024x1820 1024x2048 2048x1024 1434x1024 1024x1434 1024x1280 1280x1024 1024x1707 1707x1024".split(
          " ",
        ),
      ),
      aspect_ratio: oneOf(..."Not set,1:1,4:3,3:4,3:2,2:3,16:9,9:16,1:2,2:1,7:5,5:7,4:5,5:4,3:5,5:3".split(",")),
      style: oneOf(
        "any",
        "realistic_image",
        "digital_illustration",
        ..."pixel_art hand_drawn grain infantile_sketch 2d_art_poster handmade_3d hand_drawn_outline engraving_color 2d_art_poster_2"
          .split(" ")
          .map((s) => `digital_illustration/${s}`),
        ..."b_and_w hard_flash hdr natural_light studio_portrait enterprise motion_blur"
          .split(" ")
          .map((s) => `realistic_image/${s}`),
      ),
    },
  },
  "google/nano-banana-pro": {
    required: ["prompt"],
    properties: {
      prompt: text,
      image_input: files,
      aspect_ratio: oneOf(..."match_input_image 1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9".split(" ")),
      resolution: oneOf("1K", "2K", "4K"),
      output_format: oneOf("jpg", "png"),
      safety_filter_level: oneOf("block_low_and_above", "block_medium_and_above", "block_only_high"),
    },
  },
  "nightmareai/real-esrgan": {
    required: ["image"],
    properties: { image: file, scale: num(0, 10), face_enhance: flag },
  },
  "codeplugtech/face-swap": {
    required: ["input_image", "swap_image"],
    properties: { input_image: file, swap_image: file },
  },
  "lucataco/remove-bg": { required: ["image"], properties: { image: file } },
  "piddnad/ddcolor": { required: ["image"], properties: { image: file, model_size: oneOf("large", "tiny") } },
  "qwen/qwen-image-edit": {
    required: ["image", "prompt"],
    properties: {
      image: file,
      prompt: text,
      aspect_ratio: oneOf("1:1", "16:9", "9:16", "4:3", "3:4", "match_input_image"),
      go_fast: flag,
      seed,
      output_format: webpJpgPng,
      output_quality: int(0, 100),
      disable_safety_checker: flag,
    },
  },
  "abiruyt/text-extract-ocr": { required: ["image"], properties: { image: file } },
  "kwaivgi/kling-v2.1": {
    required: ["prompt", "start_image"],
    properties: {
      prompt: text,
      start_image: file,
      end_image: file,
      negative_prompt: text,
      mode: oneOf("standard", "pro"),
      duration: intOf(5, 10),
    },
  },
  "minimax/video-01": {
    required: ["prompt"],
    properties: { prompt: text, prompt_optimizer: flag, first_frame_image: file, subject_reference: file },
  },
  "google/veo-3.1": {
    required: ["prompt"],
    properties: {
      prompt: text,
      aspect_ratio: oneOf("16:9", "9:16"),
      duration: intOf(4, 6, 8),
      image: file,
      last_frame: file,
      reference_images: files,
      negative_prompt: text,
      resolution: oneOf("720p", "1080p"),
      generate_audio: flag,
      seed,
    },
  },
};
