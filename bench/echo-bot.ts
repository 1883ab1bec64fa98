// The baseline of `npm run bench`: a bare grammY echo bot, long polling the same emulator.
import { Bot } from "grammy";

const bot = new Bot(process.env.BOT_TOKEN ?? "", { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
process.once("SIGTERM", () => void bot.stop().then(() => process.exit(0)));
await bot.start({ onStart: () => console.log(JSON.stringify({ msg: "bot started" })) });
