import type { ModelInput, ModelSpec, ParamSpec, ProviderRoute } from "../types.js";
import { fixedPrice, param, SEEDED_ROUTE } from "./define.js";

const TOOL_DEADLINE_SECONDS = 300;

interface Tool {
  slug: string;
  name: string;
  vendor: string;
  route: Omit<ProviderRoute, "provider" | "operation">;
  input: ModelInput;
  cost: number;
  params?: readonly ParamSpec[];
}

/** Every image tool runs on Replicate and is on the Starter tier. */
function tool(spec: Tool): ModelSpec {
  return {
    slug: spec.slug,
    name: spec.name,
    kind: "tool",
    vendor: spec.vendor,
    tier: "starter",
    // Image tools finish in seconds: `Prefer: wait` (`_wait`) instead of polling; see image.ts.
    route: { provider: "replicate", operation: "prediction", ...spec.route, fixed: { _wait: 60, ...spec.route.fixed } },
    params: spec.params ?? [],
    pricing: fixedPrice(spec.cost),
    input: spec.input,
    deadlineSeconds: TOOL_DEADLINE_SECONDS,
  };
}

/**
 * The 7 image tools. Community models are pinned by version (`owner/name:hash`); `input.file` names
 * the field the user's photo goes to, `input.file2` the second photo's (face-swap: face, then target).
 */
export const toolModels: readonly ModelSpec[] = [
  tool({
    slug: "upscale",
    name: "Upscale",
    vendor: "Real-ESRGAN",
    route: {
      upstream: "nightmareai/real-esrgan:f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa",
      source: SEEDED_ROUTE,
      input: { file: "image" },
      fixed: { face_enhance: false },
    },
    params: [param("scale", [2, 4], 2)],
    input: "image",
    cost: 1,
  }),
  tool({
    slug: "face-swap",
    name: "Face Swap",
    vendor: "Replicate",
    route: {
      upstream: "codeplugtech/face-swap:278a81e7ebb22db98bcba54de985d22cc1abeead2754eb1f2af717247be69b34",
      source: SEEDED_ROUTE,
      input: { file: "swap_image", file2: "input_image" },
    },
    input: "image+image",
    cost: 1,
  }),
  tool({
    slug: "remove-bg",
    name: "Remove Background",
    vendor: "Replicate",
    route: {
      upstream: "lucataco/remove-bg:95fcc2a26d3899cd6c2691c900465aaeff466285a65c14638cc5f36f34befaf1",
      source: SEEDED_ROUTE,
      input: { file: "image" },
    },
    input: "image",
    cost: 1,
  }),
  tool({
    slug: "style-transfer",
    name: "Style Transfer",
    vendor: "Black Forest Labs",
    // An instruction editor: the prompt names the style ("as a watercolor painting").
    route: {
      upstream: "black-forest-labs/flux-kontext-dev",
      source: SEEDED_ROUTE,
      input: { file: "input_image" },
      fixed: { aspect_ratio: "match_input_image", output_format: "jpg" },
    },
    input: "image+prompt",
    cost: 1,
  }),
  tool({
    slug: "colorize",
    name: "Colorize",
    vendor: "DDColor",
    route: {
      upstream: "piddnad/ddcolor:ca494ba129e44e45f661d6ece83c4c98a9a7c774309beca01429b58fce8aa695",
      source: SEEDED_ROUTE,
      input: { file: "image" },
      fixed: { model_size: "large" },
    },
    input: "image",
    cost: 1,
  }),
  tool({
    slug: "inpaint",
    name: "Inpaint",
    vendor: "Qwen",
    // Edits the region the prompt describes ("remove the car", "replace the sky with sunset") — no mask needed.
    route: {
      upstream: "qwen/qwen-image-edit",
      source: SEEDED_ROUTE,
      input: { file: "image" },
      fixed: { aspect_ratio: "match_input_image", output_format: "png" },
    },
    input: "image+prompt",
    cost: 3,
  }),
  tool({
    slug: "text-ocr",
    name: "Text OCR",
    vendor: "Replicate",
    route: {
      upstream: "abiruyt/text-extract-ocr:a524caeaa23495bc9edc805ab08ab5fe943afd3febed884a4f3747aa32e9cd61",
      source: SEEDED_ROUTE,
      input: { file: "image" },
    },
    input: "image",
    cost: 1,
  }),
];
