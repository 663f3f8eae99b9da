// A region's reminder schedule: the days before and after each assessment deadline on which raters still
// owing sheets are reminded. A region setting in the database, kept by its admin in the reminders panel,
// rather than part of the rule file: it says when to write to people, not how they are appraised, and
// changing it needs no new rule-set version. Regions that never set it use the default.
import { parseJson, toJson, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { isAdmin, type Scope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";

export interface ReminderSchedule {
  daysBefore: number[];
  daysAfter: number[];
}

export const DEFAULT_SCHEDULE: ReminderSchedule = { daysBefore: [3, 1], daysAfter: [1, 3, 7] };

export async function scheduleOf(db: Kysely<Database>, regionId: string): Promise<ReminderSchedule> {
  const row = await db.selectFrom("notification_settings").selectAll().where("region_id", "=", regionId).executeTakeFirst();
  if (!row) return DEFAULT_SCHEDULE;
  return { daysBefore: parseJson<number[]>(row.reminder_days_before), daysAfter: parseJson<number[]>(row.reminder_days_after) };
}

export async function getSchedule(scope: Scope): Promise<ReminderSchedule> {
  return scheduleOf(scope.db, scope.regionId);
}

function cleanDays(days: number[], pointer: string): number[] {
  for (const [i, d] of days.entries()) {
    if (!Number.isInteger(d) || d < 1 || d > 60) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Hari ke-${i + 1} (${d}) tidak sah: yang diharapkan bilangan bulat 1 sampai 60`, pointer: `${pointer}/${i}` });
    }
  }
  return [...new Set(days)].sort((a, b) => b - a);
}

export async function setSchedule(scope: Scope, input: ReminderSchedule): Promise<ReminderSchedule> {
  if (!isAdmin(scope.user)) throw new DomainError({ code: "FORBIDDEN", message: "Hanya admin wilayah yang mengatur jadwal pengingat" });
  const schedule = { daysBefore: cleanDays(input.daysBefore, "/daysBefore"), daysAfter: cleanDays(input.daysAfter, "/daysAfter").reverse() };
  const at = new Date().toISOString();
  const values = { reminder_days_before: toJson(schedule.daysBefore), reminder_days_after: toJson(schedule.daysAfter), updated_by: scope.user.id, updated_at: at };
  await scope.db.transaction().execute(async (trx) => {
    const before = await scheduleOf(trx, scope.regionId);
    await trx
      .insertInto("notification_settings")
      .values({ region_id: scope.regionId, ...values })
      .onConflict((oc) => oc.column("region_id").doUpdateSet(values))
      .execute();
    await audit(trx, { regionId: scope.regionId, actor: scope.actor, action: "notification.schedule.set", entity: "region", entityId: scope.regionId, before, after: schedule });
  });
  return schedule;
}
