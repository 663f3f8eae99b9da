// The attendance connector's mapping file: which column of an attlog line or of an attendance app's CSV
// holds the machine user id and the time, how a user id finds its employee (their NIP, or an employee
// attribute such as `id_presensi`), the kinds of leave that excuse a day, and which facts the counts feed.
import { z } from "zod";
import defaults from "./mapping.json" with { type: "json" };

const column = z.number().int().min(1).max(50);
const header = z.string().trim().min(1).max(100);

export const attendanceMapping = z.strictObject({
  attlog: z.strictObject({
    /** 1-based tab-separated columns: user id, and `YYYY-MM-DD HH:MM:SS`. */
    columns: z.strictObject({ userId: column, dateTime: column }),
  }),
  csv: z.strictObject({
    delimiter: z.enum([",", ";", "\t"]),
    /** Header names: the user id, and either one date-time column or a date and a time column. */
    columns: z.union([
      z.strictObject({ userId: header, dateTime: header }),
      z.strictObject({ userId: header, date: header, time: header }),
    ]),
    dateFormat: z.enum(["YYYY-MM-DD", "DD/MM/YYYY", "DD-MM-YYYY"]),
  }),
  match: z.union([z.strictObject({ by: z.literal("nip") }), z.strictObject({ by: z.literal("attribute"), attribute: z.string().trim().min(1).max(100) })]),
  leave: z.strictObject({ kinds: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/)).min(1).max(20) }),
  feeds: z.strictObject({
    /** The fact given the days absent without leave in the cycle's period (null: none). */
    unexcusedDays: z.string().min(1).max(100).nullable(),
    /** The yes/no fact set when that many working days in a row were absent without leave (null: none). */
    consecutive: z.string().min(1).max(100).nullable(),
    consecutiveDays: z.number().int().min(2).max(60),
    /** Whether indicators of input kind `attendance` take the days too. */
    attendanceIndicators: z.boolean(),
  }),
});

export type AttendanceMapping = z.infer<typeof attendanceMapping>;

export const defaultAttendanceMapping: AttendanceMapping = attendanceMapping.parse(defaults);
