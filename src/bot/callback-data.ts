/**
 * Callback data packed as `id:field:field…` and filtered through one typed helper, so no handler
 * builds or splits strings by hand. Telegram allows 1–64 bytes: packing checks it.
 */
export function createCallbackData<const F extends readonly string[]>(id: string, fields: F) {
  type Values = { [K in F[number]]: string };
  const prefix = `${id}:`;
  return {
    /** Matches this callback's data, for `bot.callbackQuery(filter, …)`. */
    filter: new RegExp(`^${id}:`),
    pack(values: Values): string {
      const data =
        prefix +
        fields
          .map((f) => {
            const value = String(values[f as F[number]]);
            if (value.includes(":") && f !== fields[fields.length - 1]) throw new Error(`':' in callback field ${f}`);
            return value;
          })
          .join(":");
      if (Buffer.byteLength(data, "utf8") > 64) throw new Error(`callback data over 64 bytes: ${data}`);
      return data;
    },
    unpack(data: string): Values {
      if (!data.startsWith(prefix)) throw new Error(`not ${id} callback data: ${data}`);
      const parts = data.slice(prefix.length).split(":");
      const values: Record<string, string> = {};
      fields.forEach((f, i) => {
        // The last field takes the rest, so it may itself contain ':'.
        values[f] = i === fields.length - 1 ? parts.slice(i).join(":") : (parts[i] ?? "");
      });
      return values as Values;
    },
  };
}

/** Every callback of the bot, in one place. */
export const cb = {
  menu: createCallbackData("menu", ["screen"]),
  category: createCallbackData("cat", ["kind"]),
  model: createCallbackData("mdl", ["slug"]),
  param: createCallbackData("prm", ["slug", "name", "index"]),
  /** A card's row naming a parameter ("Duration:"): pressing it explains the row below. */
  paramInfo: createCallbackData("pin", ["slug", "name"]),
  confirm: createCallbackData("ok", ["id"]),
  cancel: createCallbackData("no", ["id"]),
  /** Quotes a failed job's request again (names the stored job, so it survives restarts). */
  retry: createCallbackData("rt", ["id"]),
  /** `from`: `settings` when opened from Settings (it returns there); empty from the main menu or /language. */
  language: createCallbackData("lang", ["locale", "from"]),
  autoConfirm: createCallbackData("ac", ["tokens"]),
  buy: createCallbackData("buy", ["pkg"]),
  plan: createCallbackData("plan", ["id"]),
  planCancel: createCallbackData("pcx", ["confirm"]),
  history: createCallbackData("hist", ["page"]),
  original: createCallbackData("orig", ["id", "index"]),
  support: createCallbackData("sup", ["action"]),
  /**
   * An action under a result (`do`: rg regenerate, om other model, os other model chosen, ag again,
   * up upscale, ed edit, mu/mv Midjourney U/V); `id` names the stored job, so it works after a restart.
   */
  action: createCallbackData("act", ["do", "id", "arg"]),
  /** A tool or vision model offered for a photo sent with none selected; the photo is the message replied to. */
  photoOffer: createCallbackData("po", ["slug"]),
  /** /help's free questions (`ask`, `cancel`) and an admin's answer to a support request (`reply`, user id). */
  helpdesk: createCallbackData("hd", ["action", "id"]),
  /** `/api` keys: `new`, `ask` (before revoking), `revoke`, `list`; `id` is the key's row id. */
  apiKey: createCallbackData("apik", ["action", "id"]),
  userAdmin: createCallbackData("ua", ["action", "id"]),
  broadcast: createCallbackData("bc", ["action", "id"]),
  broadcastOptOut: createCallbackData("bco", ["on"]),
  /** "▶️ Run it now" after a purchase: `id` is the job refused for want of tokens (its kept request). */
  keptPrompt: createCallbackData("kp", ["id"]),
  /** /groupsettings: `on` toggles answering, `kind` a model kind, `cap` sets the member daily cap. */
  groupSettings: createCallbackData("gs", ["action", "value"]),
} as const;
