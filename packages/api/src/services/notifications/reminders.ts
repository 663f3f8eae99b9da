// Reminders of assessment sheets, on the region's schedule: on given days before each deadline (sheet_due)
// and after it (sheet_late), each rater who still owes sheets of that source is told once, with how many.
// The schedule is a region setting the admin keeps (schedule.ts); the sheets owed come from the assessment
// folder (the same expected sheets its reminders list shows). A reminder is told once per deadline and day,
// by the notification's key, however many rounds or servers look.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { cycleDeadlines, daysBetween, expectedSheets, setsOf } from "../assessment/index.js";
import { cycleEmployees } from "../cycles/index.js";
import { formatDate, todayInIndonesia } from "../lib/index.js";
import { notifyEach } from "./notify.js";
import { scheduleOf } from "./schedule.js";

const ADDRESSEES_PER_TRANSACTION = 500;

/** Tells the raters their reminders due today in every region's open cycles; how many were told. */
export async function sendReminders(db: Kysely<Database>, at: Date): Promise<number> {
  const today = todayInIndonesia(at.getTime());
  const cycles = await db.selectFrom("cycles").selectAll().where("status", "=", "open").execute();
  let told = 0;
  for (const cycle of cycles) {
    const schedule = await scheduleOf(db, cycle.region_id);
    const todays = (await cycleDeadlines(db, cycle)).flatMap((d): Array<typeof d & { kind: "sheet_due" | "sheet_late"; days: number }> => {
      const after = daysBetween(d.dueDate, today);
      if (after < 0 && schedule.daysBefore.includes(-after)) return [{ ...d, kind: "sheet_due" as const, days: -after }];
      if (after > 0 && schedule.daysAfter.includes(after)) return [{ ...d, kind: "sheet_late" as const, days: after }];
      return [];
    });
    if (todays.length === 0) continue;
    const ratees = await cycleEmployees(db, cycle, { working: true });
    if (ratees.length === 0) continue;
    const sheets = await expectedSheets(db, cycle, ratees, await setsOf(db, cycle, ratees));
    for (const deadline of todays) {
      const owed = new Map<string, number>();
      for (const s of sheets) {
        if (s.source !== deadline.source || s.state === "submitted" || !s.rater) continue;
        owed.set(s.rater.employeeId, (owed.get(s.rater.employeeId) ?? 0) + 1);
      }
      const addressees = [...owed].map(([employeeId, count]) => ({
        employeeId,
        values: { jumlah: count, tenggat: formatDate(deadline.dueDate), hari: deadline.days, siklus: cycle.name },
      }));
      // A few hundred raters to a transaction: a round in a large region neither holds one long transaction nor commits once per person.
      for (let i = 0; i < addressees.length; i += ADDRESSEES_PER_TRANSACTION) {
        const chunk = addressees.slice(i, i + ADDRESSEES_PER_TRANSACTION);
        told += await db.transaction().execute((trx) =>
          notifyEach(
            trx,
            {
              regionId: cycle.region_id,
              kind: deadline.kind,
              link: "/assessments",
              dedupeKey: `${deadline.kind}:${cycle.id}:${deadline.source}:${deadline.dueDate}:${deadline.days}`,
            },
            chunk,
          ),
        );
      }
    }
  }
  return told;
}
