import { cb } from "../../src/bot/callback-data.js";
import { type Emulator, say } from "./e2e.js";
import type { BotMessage, TgUser } from "./telegram/types.js";

/** Opens /models → Text and selects the model `slug` (buttons show display names; the callback names it); returns its card. */
export async function selectTextModel(tg: Emulator, user: TgUser, slug: string): Promise<BotMessage> {
  const menu = await say(tg, user, "/models");
  tg.clickButton(user, menu, cb.category.pack({ kind: "text" }));
  const data = cb.model.pack({ slug });
  const list = await tg.waitFor(() =>
    tg
      .messages(user.id)
      .find((m) => m.message_id === menu.message_id && m.buttons.some((b) => b.callback_data === data)),
  );
  tg.clickButton(user, list, data);
  return tg.waitFor(() =>
    tg.messages(user.id).find((m) => m.message_id === menu.message_id && /Price|Цена/.test(m.content)),
  );
}
