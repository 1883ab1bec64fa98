import type { ChatMessage } from "./types.js";

/**
 * Each API's shape of a user turn that carries images. A turn without images stays a plain string,
 * so requests without pictures are byte-for-byte what they were.
 */

const dataUrl = (image: { mime: string; data: string }) => `data:${image.mime};base64,${image.data}`;

/** Chat Completions (OpenAI, and Gemini's OpenAI-compatible endpoint): `image_url` parts with a data URL. */
export function openAiChatContent(message: ChatMessage) {
  if (!message.images?.length) return message.content;
  return [
    { type: "text", text: message.content },
    ...message.images.map((image) => ({ type: "image_url", image_url: { url: dataUrl(image) } })),
  ];
}

/** Anthropic Messages: base64 `image` blocks, placed before the text as Anthropic recommends. */
export function anthropicContent(message: ChatMessage) {
  if (!message.images?.length) return message.content;
  return [
    ...message.images.map((image) => ({
      type: "image",
      source: { type: "base64", media_type: image.mime, data: image.data },
    })),
    { type: "text", text: message.content },
  ];
}

/** OpenAI Responses: `input_text` and `input_image` parts. */
export function responsesContent(message: ChatMessage) {
  if (!message.images?.length) return message.content;
  return [
    { type: "input_text", text: message.content },
    ...message.images.map((image) => ({ type: "input_image", image_url: dataUrl(image) })),
  ];
}
