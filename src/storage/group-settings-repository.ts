import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "./schema.js";

/** A group's choices; a group nobody configured gets the defaults. */
export interface GroupSettings {
  enabled: boolean;
  /** Model kinds members may use; null = every kind. */
  kinds: string[] | null;
  /** Tokens one member may spend in this group per day; null = no cap. */
  memberDailyCap: number | null;
}

export const DEFAULT_GROUP_SETTINGS: GroupSettings = { enabled: true, kinds: null, memberDailyCap: null };

const kindsSchema = z.array(z.string()).nullable();

/** /groupsettings, stored per group (migration 016). */
export function createGroupSettingsRepository(db: Kysely<Database>, now: () => number) {
  async function get(chatId: number): Promise<GroupSettings> {
    const row = await db.selectFrom("group_settings").selectAll().where("chat_id", "=", chatId).executeTakeFirst();
    if (!row) return { ...DEFAULT_GROUP_SETTINGS };
    const kinds = kindsSchema.safeParse(row.kinds === null ? null : JSON.parse(row.kinds));
    return {
      enabled: Number(row.enabled) === 1,
      kinds: kinds.success ? kinds.data : null,
      memberDailyCap: row.member_daily_cap === null ? null : Number(row.member_daily_cap),
    };
  }

  return {
    get,
    async set(chatId: number, settings: GroupSettings): Promise<void> {
      const values = {
        enabled: settings.enabled ? 1 : 0,
        kinds: settings.kinds === null ? null : JSON.stringify(settings.kinds),
        member_daily_cap: settings.memberDailyCap,
        updated_at: now(),
      };
      await db
        .insertInto("group_settings")
        .values({ chat_id: chatId, ...values })
        .onConflict((oc) => oc.column("chat_id").doUpdateSet(values))
        .execute();
    },
  };
}

export type GroupSettingsRepository = ReturnType<typeof createGroupSettingsRepository>;
