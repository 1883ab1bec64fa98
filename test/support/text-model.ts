import { type Emulator, say } from "./e2e.js";
import type { BotMessage, TgUser } from "./telegram/types.js";

/** Opens /models → Text and selects the model whose button names `slug`; returns its card. */
export async function selectTextModel(tg: Emulator, user: TgUser, slug: string): Promise<BotMessage> {
  const menu = await say(tg, user, "/models");
  const text = menu.buttons.find((b) => /Text|Текст/.test(b.text));
  if (text?.callback_data === undefined) throw new Error("no Text category on /models");
  tg.clickButton(user, menu, text.callback_data);
  const list = await tg.waitFor(() =>
    tg.messages(user.id).find((m) => m.message_id === menu.message_id && m.buttons.some((b) => b.text.includes(slug))),
  );
  const button = list.buttons.find((b) => b.text.includes(slug));
  if (button?.callback_data === undefined) throw new Error(`no ${slug} button`);
  tg.clickButton(user, list, button.callback_data);
  return tg.waitFor(() =>
    tg.messages(user.id).find((m) => m.message_id === menu.message_id && /Price|Цена/.test(m.content)),
  );
}
