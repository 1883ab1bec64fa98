import { Composer, InputFile } from "grammy";
import { z } from "zod";
import type { BotContext } from "../context.js";
import { isAdmin } from "../filters/admin.js";
import { toCsv } from "../formatting/csv.js";

/** /export payments|ledger FROM TO (dates, UTC, both days included) as a CSV document, for ADMIN_IDS in private chats. */
export const exportFeature = new Composer<BotContext>();

const admins = exportFeature.chatType("private").filter(isAdmin);
const DAY_MS = 86_400_000;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((d) => Date.parse(`${d}T00:00:00Z`))
  .refine((ms) => !Number.isNaN(ms));
const args = z.tuple([z.enum(["payments", "ledger"]), day, day]);

const iso = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toISOString() : "");

admins.command("export", async (ctx) => {
  const words = ctx.match.trim().split(/\s+/);
  const parsed = args.safeParse(words);
  if (!parsed.success || parsed.data[2] < parsed.data[1]) {
    return ctx.reply(ctx.t("export-usage"), { parse_mode: "HTML" });
  }
  const [what, from, toDay] = parsed.data;
  const to = toDay + DAY_MS;
  const repo = ctx.services.exports;
  const csv =
    what === "payments"
      ? toCsv(
          (await repo.payments(from, to)).map((r) => ({
            ...r,
            created_at: iso(r.created_at),
            refunded_at: iso(r.refunded_at),
          })),
          [
            "created_at",
            "charge_id",
            "user_id",
            "kind",
            "product",
            "stars",
            "tokens",
            "is_recurring",
            "refunded_at",
            "refunded_tokens",
          ],
        )
      : toCsv(
          (await repo.ledger(from, to)).map((r) => ({ ...r, created_at: iso(r.created_at) })),
          ["id", "created_at", "user_id", "kind", "sub_delta", "pkg_delta", "idempotency_key", "source"],
        );
  const rows = csv.split("\r\n").length - 2;
  const name = `${what}-${words[1]}-${words[2]}.csv`;
  await ctx.replyWithDocument(new InputFile(Buffer.from(csv, "utf8"), name), {
    caption: ctx.t("export-caption", { what, rows }),
  });
});
