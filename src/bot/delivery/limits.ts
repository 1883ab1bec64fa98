/** Telegram's file limits for the Bot API server in use. */
export interface FileLimits {
  uploadPhoto: number;
  upload: number;
  download: number;
}

const MB = 1024 * 1024;

/** A self-hosted telegram-bot-api server in `--local` mode takes uploads and downloads up to 2000 MB. */
export function fileLimits(localApiServer: boolean): FileLimits {
  return localApiServer
    ? { uploadPhoto: 10 * MB, upload: 2000 * MB, download: 2000 * MB }
    : { uploadPhoto: 10 * MB, upload: 50 * MB, download: 20 * MB };
}

export function megabytes(bytes: number): string {
  return (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
}
