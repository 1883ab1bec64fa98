import type { InputFile } from "./types.js";

/** An input whose bytes are already in hand (small fixed inputs, tests). */
export function bytesInput(data: Uint8Array, filename: string, mime: string): InputFile {
  return {
    filename,
    mime,
    size: data.byteLength,
    open: async () =>
      (async function* () {
        yield data;
      })(),
  };
}
